package dev.baton.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file Baton will not read: not a regular file (a FIFO, a device, a directory) or larger than the
 * bound for what it holds. An {@link IOException}, so callers that already explain a failed read
 * explain this one too; {@link #fix()} says what to do about it.
 */
public final class FileRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String problem;
  private final String fix;

  FileRefusedException(Path file, String problem, String fix) {
    super(file + " " + problem + "; " + fix);
    this.file = file;
    this.problem = problem;
    this.fix = fix;
  }

  /** The file that was refused, as the caller named it. */
  public Path file() {
    return file;
  }

  /** What is wrong with it, without the file name ("is a FIFO, not a regular file"). */
  public String problem() {
    return problem;
  }

  /** How to fix it. */
  public String fix() {
    return fix;
  }
}
