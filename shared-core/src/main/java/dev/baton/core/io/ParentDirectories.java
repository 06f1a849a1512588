package dev.baton.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes the directory a file is to be written in. */
public final class ParentDirectories {
  private ParentDirectories() {}

  /**
   * Creates {@code file}'s parent directories where they are missing. A stat first: for a directory
   * that exists, {@link Files#createDirectories} fails a {@code mkdir} and throws inside, which per
   * step on a hot path cost 0.1 ms.
   */
  public static void create(Path file) throws IOException {
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
  }
}
