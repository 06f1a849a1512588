package dev.baton.core.api;

import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import java.nio.file.Path;
import java.util.List;

/** How a run ended, where its reports are, and the exit code a command line should use. */
public record RunOutcome(RunRecord record, Path reportDir) {

  public int exitCode() {
    return switch (record.status()) {
      case SUCCEEDED -> ExitCodes.SUCCESS;
      case CANCELLED -> ExitCodes.CANCELLED;
      case FAILED, TIMED_OUT, RUNNING -> ExitCodes.STEP_FAILED;
    };
  }

  public boolean succeeded() {
    return record.status() == RunStatus.SUCCEEDED;
  }

  /** Steps that did not succeed and were not merely skipped or allowed to fail. */
  public List<StepRecord> failedSteps() {
    return record.steps().stream()
        .filter(
            s ->
                !s.status().isSuccessful() && s.status() != dev.baton.core.record.StepState.SKIPPED)
        .toList();
  }
}
