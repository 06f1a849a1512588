package dev.baton.core.exec.local;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An attempt started by {@link NativeSpawn}: the leader of its own process group, reaped by a
 * thread that waits for it. Once Baton has its exit code, the exit file the shell wrote as it ended
 * is removed: it is only wanted by a resume, when Baton was not there to see the end.
 */
final class SpawnedHandle implements StepHandle {
  private final int pid;
  private final ScheduledExecutorService killer;
  private final CompletableFuture<ExitStatus> exit;

  SpawnedHandle(int pid, Path exitFile, Executor reapers, ScheduledExecutorService killer) {
    this.pid = pid;
    this.killer = killer;
    this.exit =
        CompletableFuture.supplyAsync(
            () -> {
              int code = NativeSpawn.waitFor(pid);
              deleteQuietly(exitFile);
              return ExitStatus.exited(code);
            },
            reapers);
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public long processGroup() {
    return pid;
  }

  @Override
  public void stop(Duration grace) {
    NativeSpawn.signalGroup(pid, Libc.SIGTERM);
    // KILL the whole group after the grace period even if the main process is gone: its children
    // may have ignored TERM.
    killer.schedule(
        () -> NativeSpawn.signalGroup(pid, Libc.SIGKILL), grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // left beside the log; a later attempt of the same number deletes it before it starts
    }
  }
}
