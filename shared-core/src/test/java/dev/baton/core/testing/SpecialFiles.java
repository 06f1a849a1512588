package dev.baton.core.testing;

import java.io.IOException;
import java.nio.file.Path;

/** Files that are not regular files, for tests of what Baton refuses to read. */
public final class SpecialFiles {
  private SpecialFiles() {}

  /** A FIFO at {@code path} that no one writes to: opening it to read would block forever. */
  public static Path fifo(Path path) throws IOException, InterruptedException {
    boolean made = new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
    RequiredTool.require(made, "mkfifo could not make a FIFO at " + path);
    return path;
  }
}
