package dev.baton.core.api;

import dev.baton.core.plan.Plan;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended, where its reports are, and the exit code a command line should use.
 *
 * @param reportDir where the reports were written; null after a dry run, which writes none
 * @param dryRunPlan for a dry run ({@link BatonConfig#dryRun}), the plan it checked instead of
 *     running: then no step ran, {@code record} lists none and its status is {@code SUCCEEDED};
 *     empty for a real run
 */
public record RunOutcome(RunRecord record, @Nullable Path reportDir, Optional<Plan> dryRunPlan) {

  /** A run that ran: its record and reports. */
  public RunOutcome(RunRecord record, Path reportDir) {
    this(record, reportDir, Optional.empty());
  }

  /** A dry run of {@code config}: {@code plan} is what would have run. */
  static RunOutcome dryRun(BatonConfig config, Plan plan) {
    Instant now = Instant.now();
    RunRecord nothingRan =
        new RunRecord(
            RunRecord.SCHEMA_VERSION,
            "",
            plan.pipeline(),
            RunStatus.SUCCEEDED,
            now,
            now,
            config.file().toString(),
            "",
            plan.params(),
            List.of(),
            List.of(),
            BatonBuild.current(),
            null,
            null);
    return new RunOutcome(nothingRan, null, Optional.of(plan));
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
