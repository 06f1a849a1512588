package dev.baton.core.lease;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Who holds a lease, as written into its lock file for others to read: the run and step, the Baton
 * process that took it, and the step's process group once it exists.
 *
 * @param pid the Baton process that took the lease
 * @param stepGroup the step's process group (its leader's pid), or -1 before the step started or
 *     where the engine has none
 */
public record LeaseHolder(String runId, String stepId, long pid, long stepGroup, Instant since) {

  /** A holder that is this process, for {@code stepId} of {@code runId}, from now. */
  public static LeaseHolder of(String runId, String stepId) {
    return new LeaseHolder(runId, stepId, ProcessHandle.current().pid(), -1, Instant.now());
  }

  public LeaseHolder withStepGroup(long group) {
    return new LeaseHolder(runId, stepId, pid, group, since);
  }

  /** The pid people should look at: the step's group where known, else Baton's. */
  public long visiblePid() {
    return stepGroup > 0 ? stepGroup : pid;
  }

  /**
   * "run R (pid P)", as waiting messages name a holder: P is the Baton process of the run while it
   * lives, else the step's own process group (a Baton killed while its step runs).
   */
  public String describe() {
    boolean batonAlive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    return "run " + runId + " (pid " + (batonAlive || stepGroup <= 0 ? pid : stepGroup) + ")";
  }

  /** "run R, step S (pid P) since T", as {@code baton agents} shows a holder. */
  public String describeWithStep() {
    return "held by run "
        + runId
        + ", step "
        + stepId
        + " (pid "
        + visiblePid()
        + ") since "
        + since.truncatedTo(ChronoUnit.SECONDS);
  }
}
