package dev.baton.core.api;

import dev.baton.core.errors.InfrastructureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where a run's reports go, and the {@code .baton/runs/latest} link to the newest run. */
public final class ReportDirs {
  private ReportDirs() {}

  /** {@code .baton/runs} next to the descriptor. */
  public static Path runsRoot(Path workspace) {
    return workspace.resolve(".baton").resolve("runs");
  }

  /** Creates the report directory (and its {@code logs/}); exit 3 when that is impossible. */
  public static Path create(Path dir) {
    try {
      Files.createDirectories(dir.resolve("logs"));
      return dir;
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot create report directory "
              + dir
              + ": "
              + e.getMessage()
              + "; choose another report directory or fix its permissions",
          e);
    }
  }

  /** Points {@code runs/latest} at {@code runDir}, replacing the old link atomically. */
  public static void linkLatest(Path runsRoot, Path runDir) {
    Path tmp = runsRoot.resolve(".latest-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, runsRoot.relativize(runDir));
      Files.move(
          tmp,
          runsRoot.resolve("latest"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | UnsupportedOperationException e) {
      // A filesystem without symbolic links, or a full one: the run still has its own directory,
      // and the old link (if any) is left whole.
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // Nothing left to do.
      }
    }
  }
}
