package dev.baton.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MavenHelpfulSuggestionsTest {
  private final Path reports = Path.of("/project/target/baton");

  @Test
  void failedRunNamesEachFailedStepWithMessageAndLog() {
    RunOutcome outcome =
        new RunOutcome(
            TestRuns.run(
                RunStatus.FAILED,
                TestRuns.step("prepare", StepState.SUCCEEDED, ""),
                TestRuns.step("train[lr=0.1]", StepState.FAILED, "exit code 3"),
                TestRuns.step("eval", StepState.SKIPPED, "needs train[lr=0.1]")),
            reports);

    String message = MavenHelpfulSuggestions.forFailedRun(outcome);

    assertThat(message)
        .startsWith("Pipeline churn FAILED: 1 of 3 steps did not succeed")
        .contains("[train[lr=0.1]] FAILED: exit code 3")
        .contains("log: " + reports.resolve("logs/train[lr=0.1].log"))
        .contains("Reports (run.json, junit.xml, summary.md) are in " + reports)
        .contains("-Dbaton.only=train[lr=0.1]")
        .doesNotContain("[eval]")
        .doesNotContain("[prepare]");
  }

  @Test
  void cancelledRunSaysSoAndHowToStartAgain() {
    RunOutcome outcome =
        new RunOutcome(
            TestRuns.run(
                RunStatus.CANCELLED, TestRuns.step("train", StepState.CANCELLED, "cancelled")),
            reports);

    assertThat(MavenHelpfulSuggestions.forFailedRun(outcome))
        .startsWith("Pipeline churn CANCELLED: 1 of 1 step did not succeed")
        .contains("[train] CANCELLED: cancelled")
        .endsWith("The run was cancelled; build again to start it anew.");
  }

  @Test
  void descriptorMessageKeepsEveryProblemAndPointsToCheck() {
    String problems = "2 problems:\nbaton.yaml:3:5: unknown key 'nedds'; did you mean 'needs'?\nx";

    assertThat(MavenHelpfulSuggestions.forDescriptor(problems))
        .contains(problems)
        .contains("mvn baton:check");
  }
}
