package dev.baton.core.api;

import dev.baton.core.report.RunRecord;
import dev.baton.core.report.StepRecord;
import dev.baton.core.state.RunStatus;
import dev.baton.core.state.StepState;
import java.nio.file.Path;
import java.util.List;

/** How a run ended, where its reports are, and the exit code a command line should use. */
public record RunOutcome(RunRecord record, Path reportDir) {

  public int exitCode() {
    return switch (record.status()) {
      case SUCCEEDED -> ExitCodes.SUCCESS;
      case CANCELLED -> ExitCodes.CANCELLED;
      case FAILED, RUNNING -> ExitCodes.STEP_FAILED;
    };
  }

  public boolean succeeded() {
    return record.status() == RunStatus.SUCCEEDED;
  }

  /** Steps that did not succeed and were not merely skipped or allowed to fail. */
  public List<StepRecord> failedSteps() {
    return record.steps().stream()
        .filter(s -> !s.status().isSuccessful() && s.status() != StepState.SKIPPED)
        .toList();
  }
}
