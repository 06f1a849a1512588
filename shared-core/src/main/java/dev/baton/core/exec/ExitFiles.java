package dev.baton.core.exec;

import dev.baton.core.io.UserFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Where an attempt's exit code is recorded when Baton was not there to see it end: beside the
 * step's log, as the code and a newline — written in one {@code write} by the shell around a
 * spawned step, or to a temporary name and renamed by the job shell — so a reader that finds no
 * newline treats the file as not written.
 */
public final class ExitFiles {
  private ExitFiles() {}

  /** The exit file of {@code attempt} of the step whose log is {@code log}. */
  public static Path of(Path log, int attempt) {
    String name = log.getFileName().toString();
    String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    return log.resolveSibling(base + ".attempt-" + attempt + ".exit");
  }

  /** The exit code recorded for the attempt, if its file is there and complete. */
  public static OptionalInt read(Path log, int attempt) {
    Path file = of(log, attempt);
    try {
      // Bounded: the step's own process could have put anything at this path.
      String text = UserFiles.readText(file, "exit file", 64);
      if (!text.endsWith("\n")) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(Integer.parseInt(text.strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
