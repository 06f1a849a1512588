package dev.baton.core.exec.slurm;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.exec.ExitFiles;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.record.SlurmAttempt;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One attempt in an allocation: once the allocation runs and its GPUs are free, Baton asks the
 * allocation's {@link Pilot} to start it, and it has ended when the pilot wrote its exit file
 * ({@link PilotWatch} looks). Stopping it asks the pilot for TERM to the attempt's process group,
 * then KILL after the grace.
 */
final class PilotAttempt implements StepHandle {
  private final StepLaunch launch;
  private final Path script;
  private final NodeGpus free;
  private final PilotWatch watch;
  private final ScheduledExecutorService control;
  private final Runnable cleanup;
  private final Instant submitted = Instant.now();
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  private final CompletableFuture<Long> started = new CompletableFuture<>();
  private volatile @Nullable Pilot pilot;
  private volatile String task = "";
  private volatile List<Integer> gpus = List.of();
  private volatile boolean requested;
  private boolean stopping;
  private boolean ended;
  private volatile @Nullable SlurmAttempt where;

  private record Granted(Pilot pilot, List<Integer> gpus) {}

  private PilotAttempt(
      StepLaunch launch,
      Path script,
      NodeGpus free,
      PilotWatch watch,
      ScheduledExecutorService control,
      Runnable cleanup) {
    this.launch = launch;
    this.script = script;
    this.free = free;
    this.watch = watch;
    this.control = control;
    this.cleanup = cleanup;
  }

  /** Starts {@code launch} through the pilot of {@code allocation} once its GPUs are free. */
  static PilotAttempt start(
      StepLaunch launch,
      Path script,
      CompletableFuture<Pilot> allocation,
      NodeGpus free,
      PilotWatch watch,
      ScheduledExecutorService control,
      Runnable cleanup) {
    PilotAttempt attempt = new PilotAttempt(launch, script, free, watch, control, cleanup);
    int asked = launch.step().agent().gpus();
    var unused =
        allocation
            .thenCompose(p -> free.acquire(asked).thenApply(g -> new Granted(p, g)))
            .whenComplete(
                (granted, error) -> {
                  if (granted != null) {
                    attempt.begin(granted);
                  } else {
                    attempt.end(
                        null, lost(launch.stepId(), error == null ? "" : error.getMessage()));
                  }
                });
    return attempt;
  }

  private void begin(Granted granted) {
    boolean late;
    synchronized (this) {
      late = ended;
      if (!late) {
        pilot = granted.pilot();
        gpus = granted.gpus();
      }
    }
    if (late) {
      // Stopped while it waited: the GPUs it was just given go back at once.
      free.release(granted.gpus());
      return;
    }
    synchronized (this) {
      if (!stopping && !ended) {
        task = granted.pilot().taskName(launch.stepId(), launch.attempt());
        try {
          granted.pilot().request(task, script, launch.log(), exitFile(), gpus);
          requested = true;
        } catch (IOException e) {
          task = "";
        }
      }
    }
    if (requested) {
      started.complete(-1L);
      watch.watch(this);
    } else if (task.isEmpty() && !stopping) {
      end(
          null,
          new InfrastructureException(
              "cannot ask the pilot of Slurm allocation "
                  + granted.pilot().jobId()
                  + " to start step "
                  + launch.stepId()
                  + "; its spool directory "
                  + granted.pilot().spool()
                  + " must be writable"));
    } else {
      end(ExitStatus.exited(143), null);
    }
  }

  /** Whether the attempt has ended: its exit file is there (it is then completed). */
  boolean checkEnded() {
    OptionalInt code = ExitFiles.read(launch.log(), launch.attempt());
    if (code.isPresent()) {
      end(ExitStatus.exited(code.getAsInt()), null);
    }
    return exit.isDone();
  }

  /** The allocation is gone: the attempt ended as its exit file says, or was lost with it. */
  void allocationGone() {
    if (!checkEnded()) {
      Pilot p = pilot;
      end(
          null,
          lost(
              launch.stepId(),
              "Slurm allocation " + (p == null ? "" : p.jobId()) + " ended under it"));
    }
  }

  private void end(@Nullable ExitStatus status, @Nullable Throwable error) {
    Pilot p;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      p = pilot;
    }
    free.release(gpus);
    cleanup.run();
    if (p != null && !task.isEmpty()) {
      Instant began = p.started(task).orElse(null);
      long wait = began == null ? 0 : Math.max(0, Duration.between(submitted, began).toMillis());
      Instant finished = Pilot.modified(exitFile()).orElse(null);
      where = new SlurmAttempt(p.jobId(), task, p.node(), wait, began, finished);
      p.forget(task);
    }
    started.complete(-1L);
    if (status != null) {
      exit.complete(status);
    } else {
      exit.completeExceptionally(
          error != null ? error : lost(launch.stepId(), "it ended without an exit code"));
    }
  }

  private Path exitFile() {
    return ExitFiles.of(launch.log(), launch.attempt());
  }

  private static InfrastructureException lost(String stepId, @Nullable String why) {
    return new InfrastructureException(
        "step " + stepId + " was lost: " + why + "; the attempt may be retried");
  }

  /** The allocation's job id: what a resumed run finds in the allocations record and cancels. */
  @Override
  public synchronized String jobId() {
    Pilot p = pilot;
    return p == null ? "" : p.jobId();
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public CompletableFuture<Long> started() {
    return started;
  }

  @Override
  public @Nullable SlurmAttempt slurm() {
    return where;
  }

  @Override
  public synchronized List<Integer> gpusHeld() {
    return gpus;
  }

  @Override
  public void stop(Duration grace) {
    boolean ask;
    synchronized (this) {
      stopping = true;
      ask = requested && !ended;
    }
    if (!ask) {
      // Not started yet: it never will be (begin sees stopping), so it ends here.
      if (!requested) {
        end(ExitStatus.exited(143), null);
      }
      return;
    }
    control.execute(() -> signal("term"));
    var unused =
        control.schedule(
            () -> {
              if (!exit.isDone()) {
                signal("kill");
              }
            },
            grace.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private void signal(String which) {
    Pilot p;
    synchronized (this) {
      p = pilot;
    }
    if (p == null) {
      return;
    }
    try {
      p.signal(task, which);
    } catch (IOException e) {
      // the allocation's release at the end of the run still stops it
    }
  }
}
