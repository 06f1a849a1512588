package dev.baton.core.exec.slurm;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.exec.ExitFiles;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One attempt as a job step inside an allocation: {@code srun --jobid=ALLOCATION --exact} with the
 * step's GPUs, cores and memory, its output appended to the step's log. srun ends when the step
 * ends and exits with its code. Stopping it signals the step (TERM, KILL after the grace) through
 * {@code scancel ALLOCATION.STEP}, found by the step's unique name.
 */
final class AllocationStep implements StepHandle {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final String stepName;
  private final CompletableFuture<String> allocation;
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  private final CompletableFuture<Long> started = new CompletableFuture<>();
  private final SlurmCli cli;
  private final ScheduledExecutorService control;
  private volatile @Nullable Process srun;
  private volatile boolean stopping;

  private AllocationStep(
      String stepName,
      CompletableFuture<String> allocation,
      SlurmCli cli,
      ScheduledExecutorService control) {
    this.stepName = stepName;
    this.allocation = allocation;
    this.cli = cli;
    this.control = control;
  }

  /** Starts {@code launch} in the allocation once it runs. */
  static AllocationStep start(
      StepLaunch launch,
      String stepName,
      String gresType,
      Path script,
      CompletableFuture<String> allocation,
      Allocations allocations,
      SlurmCli cli,
      ScheduledExecutorService control,
      ExecutorService threads,
      Runnable onEnd) {
    AllocationStep step = new AllocationStep(stepName, allocation, cli, control);
    var unused =
        allocation.whenCompleteAsync(
            (id, error) -> {
              if (error != null) {
                onEnd.run();
                step.started.complete(-1L);
                step.exit.completeExceptionally(lost(launch.stepId(), error.getMessage()));
                return;
              }
              if (step.stopping) {
                onEnd.run();
                step.started.complete(-1L);
                step.exit.complete(ExitStatus.exited(143));
                return;
              }
              try {
                step.run(launch, id, gresType, script, allocations, onEnd);
              } catch (RuntimeException e) {
                step.started.complete(-1L);
                step.exit.completeExceptionally(e);
              }
            },
            threads);
    return step;
  }

  private void run(
      StepLaunch launch,
      String allocationId,
      String gresType,
      Path script,
      Allocations allocations,
      Runnable onEnd) {
    ProcessBuilder pb = new ProcessBuilder(srun(launch, allocationId, gresType, stepName, script));
    pb.environment().clear();
    pb.environment().putAll(ProcessSlurmCli.clientEnvironment(System.getenv()));
    File log = launch.log().toAbsolutePath().toFile();
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      onEnd.run();
      started.complete(-1L);
      exit.completeExceptionally(SlurmErrors.notInstalled("srun", e));
      return;
    }
    srun = p;
    started.complete(-1L);
    var unused =
        p.onExit()
            .thenRun(
                () -> {
                  onEnd.run();
                  Path log1 = launch.log();
                  OptionalInt recorded = ExitFiles.read(log1, launch.attempt());
                  int code = p.exitValue();
                  if (recorded.isEmpty()
                      && code != 0
                      && !stopping
                      && !allocations.running(allocationId)) {
                    exit.completeExceptionally(
                        lost(
                            launch.stepId(),
                            "Slurm allocation "
                                + allocationId
                                + " ended under it (exit code "
                                + code
                                + ")"));
                    return;
                  }
                  exit.complete(ExitStatus.exited(recorded.orElse(code)));
                });
  }

  /** {@code srun --jobid=ID --exact ... /bin/sh SCRIPT}: the step's share of the allocation. */
  static List<String> srun(
      StepLaunch launch, String allocationId, String gresType, String stepName, Path script) {
    AgentRequest request = launch.step().agent();
    List<String> args = new ArrayList<>();
    args.add("srun");
    args.add("--jobid=" + allocationId);
    args.add("--job-name=" + stepName);
    // --exact: the step gets only what it asks, so other steps run beside it.
    args.add("--exact");
    args.add("--nodes=1");
    args.add("--ntasks=1");
    args.add("--cpus-per-task=" + Math.max(1, request.cpus()));
    request.memoryMiB().ifPresent(m -> args.add("--mem=" + m + "M"));
    if (request.gpus() > 0) {
      String type = gresType.isBlank() ? "" : gresType + ":";
      args.add("--gres=gpu:" + type + request.gpus());
    } else {
      // Without it, a step could see every GPU of the allocation.
      args.add("--gres=none");
    }
    args.add("--chdir=" + launch.workdir().toAbsolutePath());
    args.add("--kill-on-bad-exit=1");
    args.add("--quiet");
    args.add("/bin/sh");
    args.add(script.toAbsolutePath().toString());
    return args;
  }

  private static InfrastructureException lost(String stepId, @Nullable String why) {
    return new InfrastructureException(
        "step " + stepId + " was lost: " + why + "; the attempt may be retried");
  }

  /** The allocation's job id: what a resumed run finds in the allocations record and cancels. */
  @Override
  public String jobId() {
    CompletableFuture<String> a = allocation;
    return a.isDone() && !a.isCompletedExceptionally() ? a.join() : "";
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
  public void stop(Duration grace) {
    stopping = true;
    if (exit.isDone()) {
      return;
    }
    control.execute(() -> signal("--signal=TERM"));
    var unused =
        control.schedule(
            () -> {
              if (!exit.isDone()) {
                signal("");
                Process p = srun;
                if (p != null) {
                  p.destroy();
                }
              }
            },
            grace.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** scancel of this step, found in the allocation by its name; srun's own cancel when not yet. */
  private void signal(String option) {
    String id = jobId();
    String step = id.isEmpty() ? "" : stepId(id);
    if (step.isEmpty()) {
      Process p = srun;
      if (p != null) {
        p.destroy();
      }
      return;
    }
    List<String> argv = new ArrayList<>(List.of("scancel"));
    if (!option.isEmpty()) {
      argv.add(option);
    }
    argv.add(step);
    try {
      cli.run(argv, CALL_TIMEOUT);
    } catch (IOException e) {
      // the allocation's release at the end still stops it
    }
  }

  /** {@code ALLOCATION.STEP} of the step named {@link #stepName}, or empty. */
  private String stepId(String allocationId) {
    try {
      SlurmCli.Result r =
          cli.run(
              List.of(
                  "squeue", "--steps", "--noheader", "--jobs=" + allocationId, "--format=%i|%j"),
              CALL_TIMEOUT);
      if (r.ok()) {
        for (String line : r.stdout().split("\\R", -1)) {
          int bar = line.indexOf('|');
          if (bar > 0 && line.substring(bar + 1).strip().equals(stepName)) {
            return line.substring(0, bar).strip();
          }
        }
      }
    } catch (IOException e) {
      // fall through: srun itself is signalled
    }
    return "";
  }
}
