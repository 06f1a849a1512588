package dev.baton.core.lease;

import java.nio.file.Path;

/** The lease directory cannot be used: it cannot be created, or a lock file cannot be opened. */
public final class LeaseException extends RuntimeException {
  private final Path path;

  public LeaseException(Path path, String problem) {
    super(problem);
    this.path = path;
  }

  /** The file or directory at fault. */
  public Path path() {
    return path;
  }
}
