package dev.baton.core.exec.slurm;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.exec.StepLaunch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code sbatch} command line for one attempt: resources, placement, limits and output. */
final class SbatchArguments {
  private SbatchArguments() {}

  /**
   * {@code sbatch --parsable ... script}.
   *
   * @param jobName {@code <pipeline>.<step id>}
   * @param gresType the GPU type as the cluster spells it ({@code a100}), empty for any GPU
   */
  static List<String> build(
      StepLaunch launch,
      SlurmSettings settings,
      String jobName,
      String gresType,
      SlurmNodeSelection where,
      Path script) {
    AgentRequest request = launch.step().agent();
    List<String> args = new ArrayList<>();
    args.add("sbatch");
    args.add("--parsable");
    // ALL, not NONE: NONE makes slurmd build a login environment for the job (su - user), which
    // costs seconds per step. ALL carries only the small environment sbatch runs with (see
    // ProcessSlurmCli); the step's own environment comes from the file the script reads.
    args.add("--export=ALL");
    args.add("--job-name=" + jobName);
    args.add("--output=" + outputPattern(launch.log()));
    args.add("--open-mode=append");
    args.add("--chdir=" + launch.workdir().toAbsolutePath());
    settings.partition().ifPresent(p -> args.add("--partition=" + p));
    settings.account().ifPresent(a -> args.add("--account=" + a));
    settings.qos().ifPresent(q -> args.add("--qos=" + q));
    // Baton's retry policy decides whether a step runs again; Slurm requeueing it after a node
    // failure would rerun it behind Baton's back. The attempt ends NODE_FAIL and counts as lost.
    args.add("--no-requeue");
    if (request.distributed()) {
      // One batch script on the first node; the step's own srun starts the tasks on every node.
      args.add("--nodes=" + request.nodes());
      args.add("--ntasks-per-node=" + request.tasksPerNode());
    } else {
      args.add("--nodes=1");
      args.add("--ntasks=1");
    }
    if (request.cpus() > 0) {
      args.add("--cpus-per-task=" + request.cpus());
    }
    request.memoryMiB().ifPresent(m -> args.add("--mem=" + m + "M"));
    if (request.gpus() > 0) {
      String type = gresType.isBlank() ? "" : gresType + ":";
      args.add("--gres=gpu:" + type + request.gpus());
    }
    if (!where.constraint().isEmpty()) {
      args.add("--constraint=" + where.constraint());
    }
    if (!where.exclude().isEmpty()) {
      args.add("--exclude=" + String.join(",", where.exclude()));
    }
    launch.timeout().ifPresent(t -> args.add("--time=" + minutes(t)));
    args.addAll(settings.extraArgs());
    args.add(script.toAbsolutePath().toString());
    return args;
  }

  /**
   * Slurm keeps time limits in whole minutes, so a limit rounds up: Baton's own timer ends the step
   * on time and Slurm's limit is the backstop when Baton itself is gone.
   */
  static long minutes(Duration timeout) {
    long seconds = Math.max(1, timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0));
    return (seconds + 59) / 60;
  }

  /** Slurm expands {@code %j} and friends in output paths; a literal {@code %} is {@code %%}. */
  static String outputPattern(Path log) {
    return log.toAbsolutePath().toString().replace("%", "%%");
  }
}
