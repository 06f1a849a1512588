package dev.baton.core.exec;

import dev.baton.core.descriptor.Command;
import dev.baton.core.plan.PlannedStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an executor needs to start one attempt of a step, decided before it acts.
 *
 * @param env the complete environment of the process (inherited, run, step, and Baton's own {@code
 *     BATON_*} and {@code CUDA_VISIBLE_DEVICES} variables)
 * @param log the file stdout and stderr go to (appended)
 * @param agent the agent the scheduler placed the attempt on
 * @param gpus the GPU indices the attempt holds
 * @param timeout the attempt's time limit; the executor enforces it where the engine can (Slurm's
 *     {@code --time}); the run engine enforces it for every executor
 * @param leaseDescriptors open, locked lease files a launcher that starts a local process passes on
 *     to it (as descriptors 3, 4, ...), so the step's processes hold its GPU leases for as long as
 *     any of them lives; other launchers ignore them
 */
public record StepLaunch(
    PlannedStep step,
    int attempt,
    Command command,
    Map<String, String> env,
    Path workdir,
    Path log,
    String agent,
    List<Integer> gpus,
    Optional<Duration> timeout,
    List<Integer> leaseDescriptors) {

  public StepLaunch {
    env = Map.copyOf(env);
    gpus = List.copyOf(gpus);
    leaseDescriptors = List.copyOf(leaseDescriptors);
  }

  /** A launch that passes no lease on. */
  public StepLaunch(
      PlannedStep step,
      int attempt,
      Command command,
      Map<String, String> env,
      Path workdir,
      Path log,
      String agent,
      List<Integer> gpus,
      Optional<Duration> timeout) {
    this(step, attempt, command, env, workdir, log, agent, gpus, timeout, List.of());
  }

  public String stepId() {
    return step.id();
  }
}
