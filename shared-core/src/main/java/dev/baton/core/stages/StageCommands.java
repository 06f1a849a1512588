package dev.baton.core.stages;

import dev.baton.core.descriptor.Command;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.LaterProcesses;
import dev.baton.core.exec.ReapedUsage;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a stage's commands one at a time through the step's executor, so they run where the step was
 * placed, with its environment, appending to its log; captures what each one printed.
 */
final class StageCommands {
  /** How one command ended and what it wrote to the log (at most the last 1 MiB). */
  record Outcome(ExitStatus status, String output, long nanos) {
    boolean success() {
      return status.success();
    }

    String describe() {
      return status.launched() ? "exit code " + status.exitCode() : status.launchError();
    }
  }

  private static final long MAX_CAPTURE = 1 << 20;

  private final StepExecutor executor;
  private final StepLaunch launch;
  private final LaterProcesses processes = new LaterProcesses();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile @Nullable StepHandle current;
  // What the kernel accounted to the commands reaped so far, added up.
  private volatile @Nullable ReapedUsage reaped;
  private volatile Duration grace = Duration.ofSeconds(10);

  StageCommands(StepExecutor executor, StepLaunch launch) {
    this.executor = executor;
    this.launch = launch;
  }

  StepLaunch launch() {
    return launch;
  }

  /**
   * The process group (or Slurm job) of each command run so far, rollbacks included: the engine
   * journals each, so a resumed run can stop the one a killed Baton left running.
   */
  LaterProcesses processes() {
    return processes;
  }

  /** Runs {@code command} to its end (or until {@link #stop}), blocking the calling thread. */
  Outcome run(Command command) throws InterruptedException {
    return run(command, null, false);
  }

  /**
   * Runs {@code command}, stopping it after {@code limit} (null: no limit); {@code evenIfStopped}
   * lets a rollback run after the step was asked to stop.
   */
  Outcome run(Command command, @Nullable Duration limit, boolean evenIfStopped)
      throws InterruptedException {
    long offset = size();
    long start = System.nanoTime();
    StepLaunch sub =
        new StepLaunch(
            launch.step(),
            launch.attempt(),
            command,
            launch.env(),
            launch.workdir(),
            launch.log(),
            launch.agent(),
            launch.gpus(),
            launch.timeout(),
            launch.leaseDescriptors());
    StepHandle handle = executor.launch(sub);
    processes.follow(handle);
    if (!evenIfStopped) {
      current = handle;
    }
    if (isStopped() && !evenIfStopped) {
      handle.stop(grace);
    }
    ExitStatus status;
    try {
      status =
          limit == null
              ? handle.exit().get()
              : handle.exit().get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      handle.stop(Duration.ZERO);
      status = ExitStatus.couldNotLaunch("took longer than " + limit.toMillis() + " ms");
      try {
        handle.exit().get(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException x) {
        // The command is being killed; its exit no longer matters.
      }
    } catch (ExecutionException e) {
      status =
          ExitStatus.couldNotLaunch(
              "the command was lost: " + (e.getCause() == null ? e : e.getCause()).getMessage());
    } finally {
      current = null;
    }
    handle.reapedUsage().ifPresent(this::addReaped);
    return new Outcome(status, readFrom(offset), System.nanoTime() - start);
  }

  private synchronized void addReaped(ReapedUsage usage) {
    ReapedUsage sum = reaped;
    reaped = sum == null ? usage : sum.plus(usage);
  }

  /**
   * What the kernel accounted to the commands that ended, added up ({@code wait4}: exact CPU time,
   * however short each command); empty where the executor reaps nothing (a Slurm job).
   */
  Optional<ReapedUsage> reapedUsage() {
    return Optional.ofNullable(reaped);
  }

  /** Stops the running command and makes every later wait return at once. */
  void stop(Duration grace) {
    this.grace = grace;
    stopped.countDown();
    StepHandle h = current;
    if (h != null) {
      h.stop(grace);
    }
  }

  boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Waits {@code d}, or less when stopped; returns false when stopped. */
  boolean pause(Duration d) throws InterruptedException {
    if (d.isZero() || d.isNegative()) {
      return !isStopped();
    }
    return !stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Appends one line of Baton's own narration to the step log, so people see what happened. */
  void note(String line) {
    try {
      Files.writeString(
          launch.log(),
          "[baton] " + line + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The log is a convenience here; results carry the same facts.
    }
  }

  private long size() {
    try {
      return Files.exists(launch.log()) ? Files.size(launch.log()) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private String readFrom(long offset) {
    try (RandomAccessFile f = new RandomAccessFile(launch.log().toFile(), "r")) {
      long start = Math.max(offset, f.length() - MAX_CAPTURE);
      byte[] bytes = new byte[(int) Math.max(0, f.length() - start)];
      f.seek(start);
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
