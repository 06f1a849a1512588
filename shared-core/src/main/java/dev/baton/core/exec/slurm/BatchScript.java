package dev.baton.core.exec.slurm;

import dev.baton.core.descriptor.Command;
import dev.baton.core.exec.ShellQuote;
import dev.baton.core.exec.StepLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The two files one attempt is submitted with: a batch script that {@code sbatch} sends to the
 * controller, and the step's environment beside it, which the script reads on the node.
 *
 * <p>The environment stays out of the script and off the command line on purpose: Slurm keeps a
 * job's script in its state directory and shows it to admins, and command lines show in {@code ps};
 * the environment holds secrets. The environment file is readable by its owner only and is deleted
 * when the job ends. It must be on a file system the nodes share, like the log and the working
 * directory.
 */
final class BatchScript {
  /** Variables that belong to the node or to Slurm's own binding, unless the step sets them. */
  private static final Set<String> NODE_OWNED =
      Set.of(
          "CUDA_VISIBLE_DEVICES",
          "GPU_DEVICE_ORDINAL",
          "ROCR_VISIBLE_DEVICES",
          "ZE_AFFINITY_MASK",
          "HOSTNAME",
          "PWD",
          "OLDPWD",
          "SHLVL",
          "_",
          "TMPDIR",
          "XDG_RUNTIME_DIR");

  /**
   * What a distributed launcher (torchrun, DeepSpeed, {@code torch.distributed} with the env://
   * method) needs to meet its peers, set the same on every node (docs/slurm.md#multi-node-steps):
   * the first node of the job, a port derived from the job id, and the number of processes. Per
   * process ranks come from {@code srun} itself ({@code SLURM_PROCID}, {@code SLURM_NODEID}, {@code
   * SLURM_LOCALID}), as each task's node rank is {@code SLURM_NODEID}: one value set here would
   * reach every task alike.
   */
  static final String RENDEZVOUS =
      """
      MASTER_ADDR="$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)"
      MASTER_PORT="${MASTER_PORT:-$((20000 + SLURM_JOB_ID % 20000))}"
      WORLD_SIZE="${SLURM_NTASKS:-$SLURM_JOB_NUM_NODES}"
      NNODES="$SLURM_JOB_NUM_NODES"
      export MASTER_ADDR MASTER_PORT WORLD_SIZE NNODES
      """;

  private BatchScript() {}

  /** Where the attempt's files go: {@code logs/slurm/<log name>.<attempt>.sh} and {@code .env}. */
  static Path scriptPath(StepLaunch launch) {
    return directory(launch).resolve(baseName(launch) + ".sh");
  }

  static Path envPath(StepLaunch launch) {
    return directory(launch).resolve(baseName(launch) + ".env");
  }

  /** Writes both files; the environment file with owner-only permissions. */
  static Path write(StepLaunch launch) throws IOException {
    Path dir = Files.createDirectories(directory(launch));
    Path env = envPath(launch);
    Files.deleteIfExists(env);
    try {
      Files.createFile(
          env, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(env);
    }
    Files.writeString(env, environment(launch), StandardCharsets.UTF_8);
    Path script = dir.resolve(baseName(launch) + ".sh");
    Files.writeString(script, script(launch, env), StandardCharsets.UTF_8);
    return script;
  }

  /** The batch script: read the environment, enter the working directory, become the command. */
  static String script(StepLaunch launch, Path envFile) {
    return prelude(launch, envFile) + "exec " + command(launch.command()) + "\n";
  }

  /** Reads the environment and enters the working directory. */
  private static String prelude(StepLaunch launch, Path envFile) {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/sh\n");
    s.append("# Baton step ").append(oneLine(launch.stepId()));
    s.append(", attempt ").append(launch.attempt()).append(". Generated; do not edit.\n");
    s.append(". ").append(ShellQuote.quote(envFile.toString())).append(" || exit 125\n");
    if (launch.step().agent().distributed()) {
      s.append(RENDEZVOUS);
    }
    s.append("cd ").append(ShellQuote.quote(launch.workdir().toString()));
    s.append(
        " || { echo \"baton: cannot enter the working directory on $(hostname)\" >&2; exit 1; }\n");
    return s.toString();
  }

  /** {@code export NAME='value'} lines, sorted so that the file reads well. */
  static String environment(StepLaunch launch) {
    Map<String, String> stepOwn = launch.step().env();
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(launch.env()).entrySet()) {
      String name = e.getKey();
      if (!ShellQuote.isVariableName(name)) {
        continue;
      }
      if (!stepOwn.containsKey(name) && nodeOwned(name)) {
        continue;
      }
      s.append("export ").append(name).append('=').append(ShellQuote.quote(e.getValue()));
      s.append('\n');
    }
    return s.toString();
  }

  static String command(Command command) {
    if (command instanceof Command.Argv argv) {
      return ShellQuote.quoteAll(argv.args());
    }
    return "/bin/sh -c " + ShellQuote.quote(((Command.Shell) command).script());
  }

  private static boolean nodeOwned(String name) {
    return NODE_OWNED.contains(name)
        || name.startsWith("SLURM_")
        || name.startsWith("SLURMD_")
        || name.startsWith("SBATCH_")
        || name.startsWith("SRUN_")
        || name.startsWith("SALLOC_");
  }

  private static Path directory(StepLaunch launch) {
    Path log = launch.log().toAbsolutePath();
    return log.resolveSibling("slurm");
  }

  private static String baseName(StepLaunch launch) {
    String name = launch.log().getFileName().toString();
    if (name.endsWith(".log")) {
      name = name.substring(0, name.length() - 4);
    }
    return name + "." + launch.attempt();
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]", " ");
  }
}
