package dev.baton.core.exec.local;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.ReapedUsage;
import dev.baton.core.exec.StepHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * An attempt started by {@link NativeSpawn}: the leader of its own process group, reaped by a
 * thread that waits for it. Once Baton has its exit code, the exit file the shell wrote as it ended
 * is removed: it is only wanted by a resume, when Baton was not there to see the end.
 */
final class SpawnedHandle implements StepHandle {
  private final int pid;
  private final ScheduledExecutorService killer;
  private final GroupStop stopping = new GroupStop();
  private final CompletableFuture<ExitStatus> exit;
  // Written by the reaper before it completes the exit future, read after: the future orders them.
  private volatile @Nullable ReapedUsage reaped;

  SpawnedHandle(int pid, Path exitFile, Executor reapers, ScheduledExecutorService killer) {
    this.pid = pid;
    this.killer = killer;
    this.exit =
        stopping.heldUntilOver(
            CompletableFuture.supplyAsync(
                () -> {
                  long[] rusage = new long[ReapedUsage.RUSAGE_LONGS];
                  int code = NativeSpawn.waitFor(pid, rusage);
                  reaped = ReapedUsage.fromRusage(rusage);
                  deleteQuietly(exitFile);
                  return ExitStatus.exited(code);
                },
                reapers));
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public Optional<ReapedUsage> reapedUsage() {
    return Optional.ofNullable(reaped);
  }

  @Override
  public long processGroup() {
    return pid;
  }

  @Override
  public void stop(Duration grace) {
    stopping.begin(
        new GroupStop.Group() {
          @Override
          public void signal(String signal) {
            NativeSpawn.signalGroup(pid, "KILL".equals(signal) ? Libc.SIGKILL : Libc.SIGTERM);
          }

          @Override
          public boolean anyLeft() {
            return ProcessGroups.anyLeft(pid);
          }
        },
        grace,
        killer);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // left beside the log; a later attempt of the same number deletes it before it starts
    }
  }
}
