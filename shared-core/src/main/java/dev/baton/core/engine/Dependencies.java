package dev.baton.core.engine;

import dev.baton.core.record.StepState;
import java.util.Map;

/** Whether a step's needs let it run, and if not, which need stopped it. */
final class Dependencies {
  private Dependencies() {}

  enum Readiness {
    WAITING,
    READY,
    BLOCKED
  }

  static Readiness readiness(StepRun r, Map<String, StepRun> runs) {
    boolean all = true;
    for (String need : r.step.needs()) {
      StepRun n = runs.get(need);
      if (n == null) {
        continue; // not selected: assumed done by an earlier run
      }
      if (!n.state.isTerminal()) {
        all = false;
      } else if (!n.state.isSuccessful() && !allowedFailure(n)) {
        return Readiness.BLOCKED;
      }
    }
    return all ? Readiness.READY : Readiness.WAITING;
  }

  /** A step allowed to fail ({@code continueOnError}) that ran and did not succeed. */
  static boolean allowedFailure(StepRun n) {
    return n.step.continueOnError()
        && (n.state == StepState.FAILED
            || n.state == StepState.TIMED_OUT
            || n.state == StepState.LOST);
  }

  static String blockedBy(StepRun r, Map<String, StepRun> runs) {
    for (String need : r.step.needs()) {
      StepRun n = runs.get(need);
      if (n != null && n.state.isTerminal() && !n.state.isSuccessful()) {
        return "needs "
            + need
            + ", which "
            + (n.state == StepState.SKIPPED ? "was skipped" : "ended " + n.state);
      }
    }
    return "a needed step did not succeed";
  }
}
