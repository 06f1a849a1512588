package dev.baton.core.engine;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Whether a step's log can still be written. A step's output goes to its log straight from the
 * kernel, so when the log's file system is full (a step that filled it, say) the step's own error
 * message is lost with the rest and the log is empty: a failed attempt's message then says that
 * Baton could not write there, and why, instead of a bare exit code.
 */
final class LogWriteCheck {
  private LogWriteCheck() {}

  /** Why nothing can be written beside {@code log} now, or empty when one byte can. */
  static Optional<String> problem(Path log) {
    Path probe =
        log.resolveSibling(
            ".write-check-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
    try {
      // One byte: a file system with no block left refuses it (ENOSPC), even to root.
      Files.write(probe, new byte[] {'\n'}, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return Optional.empty();
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (e instanceof FileSystemException fse && fse.getReason() != null) {
        why = fse.getReason();
      }
      return Optional.of(
          "Baton cannot write the step's log "
              + log
              + " ("
              + why
              + "): the step's output, its error messages included, may be missing from it;"
              + " free space on that file system or check its permissions");
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        // nothing was written, or it goes with the report directory
      }
    }
  }
}
