package dev.baton.core.errors;

/**
 * A setting the core can tell a user to change, without spelling it: the command line names the
 * report directory with a flag, Maven with a property. Each front end names every constant in its
 * {@link FrontEndWords}.
 */
public enum Setting {
  REPORT_DIR("report directory"),
  RESUME("resuming an earlier run"),
  SLURM_EXECUTOR("the Slurm executor"),
  LOCKED_GPUS("the GPUs given to the step"),
  ONLY("the steps chosen to run"),
  PARAM("a pipeline parameter"),
  LEASE_TIMEOUT("the lease timeout"),
  AGENTS_FILE("the agents file");

  private final String neutral;

  Setting(String neutral) {
    this.neutral = neutral;
  }

  /** The setting in plain words, for texts that reach no front end (logs of a library user). */
  public String neutral() {
    return neutral;
  }
}
