package dev.baton.core.engine;

import dev.baton.core.cache.CacheVerdict;
import dev.baton.core.descriptor.Durations;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.record.StepState;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/** How one attempt ended, in words: the engine's flags first, then the process's exit. */
record AttemptOutcome(StepState state, String message) {

  static AttemptOutcome of(StepRun r, ExitStatus status, Throwable error) {
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      return new AttemptOutcome(StepState.LOST, "lost: " + cause.getMessage());
    }
    if (r.runTimedOut != null) {
      return new AttemptOutcome(
          StepState.TIMED_OUT,
          "stopped: the run's timeout of " + Durations.human(r.runTimedOut) + " passed");
    }
    if (r.cancelled) {
      return new AttemptOutcome(StepState.CANCELLED, "cancelled");
    }
    if (r.timedOut) {
      return new AttemptOutcome(
          StepState.TIMED_OUT,
          r.step.timeout().isEmpty() && r.cleanupLimit != null
              ? "timed out after "
                  + Durations.human(r.cleanupLimit)
                  + ", the limit of a cleanup step that sets no timeout, after the run stopped"
              : "timed out after " + Durations.human(r.step.timeout().orElse(Duration.ZERO)));
    }
    if (!status.launched()) {
      return new AttemptOutcome(StepState.FAILED, status.launchError());
    }
    if (r.handle != null
        && r.handle.underlying() instanceof CacheVerdict cache
        && cache.verdict().isPresent()) {
      return new AttemptOutcome(cache.verdict().get().state(), cache.verdict().get().message());
    }
    if (status.exitCode() == 0) {
      return new AttemptOutcome(StepState.SUCCEEDED, "");
    }
    // A stage (validate, benchmark, deploy) says why it failed better than its exit code.
    Object why = r.handle == null ? null : r.handle.results().get("message");
    if (why instanceof String text && !text.isBlank()) {
      return new AttemptOutcome(StepState.FAILED, text);
    }
    String unwritable = LogWriteCheck.problem(r.log).map(p -> "; " + p).orElse("");
    return new AttemptOutcome(
        StepState.FAILED, ExitMessages.describe(status.exitCode()) + unwritable);
  }
}
