package dev.baton.core.exec.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds and stops an attempt a killed Baton left running, by the process group and start time the
 * run journal recorded: a process with that pid but another start time is someone else's.
 */
public final class LeftProcesses {
  private LeftProcesses() {}

  /** Whether the group's leader is the very process that was recorded and still runs. */
  public static boolean alive(long processGroup, @Nullable Instant processStart) {
    if (processGroup <= 0 || processStart == null) {
      return false;
    }
    Optional<ProcessHandle> leader = ProcessHandle.of(processGroup);
    return leader.isPresent()
        && leader.get().isAlive()
        && leader.get().info().startInstant().map(t -> sameStart(t, processStart)).orElse(false);
  }

  // Two JVMs may read one start time a clock tick apart (boot time plus ticks, rounded).
  private static boolean sameStart(Instant a, Instant b) {
    return Duration.between(a, b).abs().compareTo(Duration.ofSeconds(1)) <= 0;
  }

  /**
   * TERM to the whole group, up to {@code grace} for it to end, then KILL to the group. Returns
   * whether the group was still running.
   */
  public static boolean stop(long processGroup, @Nullable Instant processStart, Duration grace) {
    if (!alive(processGroup, processStart)) {
      return false;
    }
    ProcessHandle leader = ProcessHandle.of(processGroup).orElseThrow();
    ProcessGroups.signalGroup(processGroup, "TERM", leader);
    long deadline = System.nanoTime() + grace.toNanos();
    // The whole group gets its grace, not just the leader: children may outlive it, ignoring TERM.
    // The leader is waited for until it is reaped too (whoever inherited it reaps it), as before.
    while ((leader.isAlive() || ProcessGroups.anyLeft(processGroup))
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (leader.isAlive() || ProcessGroups.anyLeft(processGroup)) {
      ProcessGroups.signalGroup(processGroup, "KILL", leader);
    }
    return true;
  }
}
