package dev.baton.maven;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The wording of every message the Maven goals end a build with: what is wrong, how to fix it. */
final class MavenHelpfulSuggestions {

  private MavenHelpfulSuggestions() {}

  /** A descriptor the core rejected; {@code problems} already reads {@code file:line:column}. */
  static String forDescriptor(String problems) {
    return "The Baton descriptor has errors:\n"
        + problems
        + "\nFix them and build again; mvn baton:check checks the descriptor without running a step.";
  }

  /** A {@code baton.timeout} that is not a duration. */
  static String badRunTimeout(String value) {
    return "baton.timeout '"
        + value
        + "' is not a duration; set it like -Dbaton.timeout=2h (or 30s, 10m)";
  }

  /** A {@code baton.leaseTimeout} that is not a duration. */
  static String badLeaseTimeout(String value) {
    return "baton.leaseTimeout '"
        + value
        + "' is not a duration; set it like -Dbaton.leaseTimeout=10m (or 30s, 1h)";
  }

  /** A {@code baton.kinds} entry that is no step kind. */
  static String badKind(String value) {
    return "baton.kinds names '"
        + value.strip()
        + "', which is no step kind; use run, validate, benchmark or deploy, comma-separated"
        + " (-Dbaton.kinds=run,validate)";
  }

  /** A kind goal ({@code baton:validate}) whose own kind {@code baton.kinds} leaves out. */
  static String kindGoalFiltered(StepKind own, @Nullable String kinds) {
    return "baton:"
        + own.id()
        + " runs "
        + own.id()
        + " steps, but baton.kinds="
        + kinds
        + " leaves them out; add "
        + own.id()
        + " to baton.kinds or leave it unset";
  }

  /** {@code baton.kinds} names deploy on {@code baton:run} without {@code baton.deploy}. */
  static String deployNotAsked() {
    return "baton.kinds names deploy, but baton:run deploys only when asked; add -Dbaton.deploy=true"
        + " or run the baton:deploy goal";
  }

  /** The steps a run leaves out because of their kind, and how to run them. */
  static String leftOut(Set<StepKind> kinds, List<String> steps) {
    String names = kinds.stream().map(StepKind::id).sorted().collect(Collectors.joining(", "));
    return "Not running "
        + String.join(", ", steps)
        + " ("
        + names
        + " steps and the steps that need them): add -Dbaton.deploy=true or run baton:deploy to"
        + " run them";
  }

  /** Something outside the pipeline failed: an agent, an engine, the disk. */
  static String forInfrastructure(String message) {
    return "Baton could not run the pipeline: "
        + message
        + "\nRun again with -X to see the cause in full.";
  }

  /** A run that ended without success: which steps, why, where their logs are. */
  static String forFailedRun(RunOutcome outcome) {
    RunRecord record = outcome.record();
    List<StepRecord> failed = outcome.failedSteps();
    // Only a run that ran fails: a dry run has no report directory and never fails.
    Path reportDir = Objects.requireNonNull(outcome.reportDir());
    StringBuilder text = new StringBuilder();
    text.append("Pipeline ").append(record.pipeline()).append(' ').append(record.status());
    if (!failed.isEmpty()) {
      text.append(": ")
          .append(failed.size())
          .append(" of ")
          .append(record.steps().size())
          .append(record.steps().size() == 1 ? " step" : " steps")
          .append(" did not succeed");
    }
    for (StepRecord step : failed) {
      text.append("\n  [").append(step.id()).append("] ").append(step.status());
      if (!step.message().isEmpty()) {
        text.append(": ").append(step.message());
      }
      if (step.log() != null && !step.log().isEmpty()) {
        text.append("\n      log: ").append(reportDir.resolve(step.log()));
      }
    }
    text.append("\nReports (run.json, junit.xml, summary.md) are in ").append(reportDir);
    text.append('\n').append(howToRetry(record, failed));
    return text.toString();
  }

  private static String howToRetry(RunRecord record, List<StepRecord> failed) {
    if (record.status() == RunStatus.CANCELLED) {
      return "The run was cancelled; build again to start it anew.";
    }
    if (record.status() == RunStatus.TIMED_OUT) {
      return "The run passed its timeout; raise 'timeout:' in the descriptor or -Dbaton.timeout,"
          + " or make the steps faster, and build again.";
    }
    if (failed.isEmpty()) {
      return "Read the step logs above, fix the cause, and build again.";
    }
    String ids = failed.stream().map(StepRecord::id).collect(Collectors.joining(","));
    return "Read the logs above, fix the cause, and build again; -Dbaton.only="
        + ids
        + " reruns just "
        + (failed.size() == 1 ? "that step and what it needs." : "those steps and what they need.");
  }

  /** Printed instead of running when {@code baton.skip} is set. */
  static String skipped() {
    return "Skipping Baton: baton.skip is true";
  }

  /** Printed after the plan of a dry run. */
  static String dryRun() {
    return "Dry run: nothing ran; drop -Dbaton.dryRun to run these steps";
  }

  /** Where a rendered plan went when it was written to a file. */
  static String planWritten(Path file) {
    return "Plan written to " + file;
  }
}
