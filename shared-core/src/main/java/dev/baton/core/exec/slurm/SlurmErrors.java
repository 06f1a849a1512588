package dev.baton.core.exec.slurm;

import dev.baton.core.errors.Fix;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.Setting;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns what Slurm's commands said into messages of the form "what is wrong, how to fix it" (exit
 * 3): a missing client, a controller that does not answer, a request Slurm refuses.
 */
final class SlurmErrors {
  private static final String CONTROLLER_HINT =
      "is slurmctld running and reachable from this machine? try 'scontrol ping'";

  private SlurmErrors() {}

  /** {@code program} could not be started at all. */
  static InfrastructureException notInstalled(String program, IOException cause) {
    return new InfrastructureException(
        program + " cannot be run (" + cause.getMessage() + ")",
        Fix.of(
            Setting.SLURM_EXECUTOR,
            " needs Slurm's client commands on PATH; install them (Debian: apt-get install"
                + " slurm-client) or run Baton on a login node of the cluster"),
        cause);
  }

  /** {@code program} ran but failed without Slurm refusing anything in particular. */
  static InfrastructureException failed(String program, SlurmCli.Result result) {
    String said = result.firstError();
    if (result.timedOut() || unreachable(said)) {
      return new InfrastructureException(
          "the Slurm controller does not answer "
              + program
              + " ("
              + said
              + "): "
              + CONTROLLER_HINT);
    }
    if (said.toLowerCase(Locale.ROOT).contains("munge")) {
      return new InfrastructureException(
          program
              + " could not authenticate ("
              + said
              + "): is munged running on this machine,"
              + " with the cluster's key? try 'munge -n | unmunge'");
    }
    return new InfrastructureException(
        program + " failed (" + said + "): check the Slurm settings and " + CONTROLLER_HINT);
  }

  /** {@code sbatch} refused to queue the attempt of {@code stepId}. */
  static InfrastructureException rejected(String stepId, SlurmCli.Result result) {
    String said = result.firstError();
    if (result.timedOut() || unreachable(said)) {
      return failed("sbatch", result);
    }
    return new InfrastructureException(
        "Slurm refused step "
            + stepId
            + " ("
            + said
            + "): compare its gpus, label, cpus and memory with the nodes ('sinfo -N -o \"%N %f %G"
            + " %c %m\"') and check the partition, account and QOS settings");
  }

  /** Whether Slurm's words mean the controller could not be reached rather than a refusal. */
  static boolean unreachable(String said) {
    String s = said.toLowerCase(Locale.ROOT);
    return s.contains("unable to contact slurm controller")
        || s.contains("connection refused")
        || s.contains("socket timed out")
        || s.contains("zero bytes were transmitted")
        || s.contains("communication connection failure")
        || s.contains("could not establish a configuration source")
        || s.contains("unable to establish")
        || s.contains("no answer");
  }
}
