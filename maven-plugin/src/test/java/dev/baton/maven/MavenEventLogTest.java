package dev.baton.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MavenEventLogTest {
  private final RecordingLog log = new RecordingLog();
  private final MavenEventLog events = new MavenEventLog(log);

  @Test
  void startedLineNamesAgentAndGpus() {
    events.accept(
        new RunEvent.StepStarted("train[lr=0.01]", 1, "local", List.of(0, 1), Path.of("x.log")));
    events.accept(new RunEvent.StepStarted("eval", 1, "ws1", List.of(2), Path.of("y.log")));
    events.accept(new RunEvent.StepStarted("prepare", 1, "local", List.of(), Path.of("z.log")));

    assertThat(log.lines)
        .containsExactly(
            "INFO [train[lr=0.01]] started on local (GPUs 0,1)",
            "INFO [eval] started on ws1 (GPU 2)",
            "INFO [prepare] started on local");
  }

  @Test
  void laterAttemptsSayWhichAttemptStarted() {
    events.accept(new RunEvent.StepStarted("train", 2, "local", List.of(), Path.of("x.log")));

    assertThat(log.lines).containsExactly("INFO [train] attempt 2 started on local");
  }

  @Test
  void outputLinesArePrefixedByStepIdAtInfo() {
    events.accept(new RunEvent.StepOutput("prepare", "rows: 1000"));

    assertThat(log.lines).containsExactly("INFO [prepare] rows: 1000");
  }

  @Test
  void successIsInfoAndFailureIsErrorWithItsMessage() {
    events.accept(
        new RunEvent.StepFinished(
            "train[lr=0.01]", StepState.SUCCEEDED, Duration.ofMillis(1200), ""));
    events.accept(
        new RunEvent.StepFinished("eval", StepState.FAILED, Duration.ofMillis(50), "exit code 3"));
    events.accept(
        new RunEvent.StepFinished(
            "deploy", StepState.SKIPPED, Duration.ZERO, "needs eval, which FAILED"));

    assertThat(log.lines)
        .containsExactly(
            "INFO [train[lr=0.01]] SUCCEEDED in 1.2 s",
            "ERROR [eval] FAILED in 0.1 s: exit code 3",
            "INFO [deploy] SKIPPED: needs eval, which FAILED");
  }

  @Test
  void cancelledStepIsAWarning() {
    events.accept(
        new RunEvent.StepFinished("slow", StepState.CANCELLED, Duration.ofSeconds(3), "cancelled"));

    assertThat(log.lines).containsExactly("WARN [slow] CANCELLED in 3.0 s");
  }

  @Test
  void doesNotRepeatTheStateAtTheStartOfTheMessage() {
    events.accept(
        new RunEvent.StepFinished(
            "publish", StepState.SKIPPED, Duration.ZERO, "skipped: needs train, which FAILED"));

    assertThat(log.lines).containsExactly("INFO [publish] SKIPPED: needs train, which FAILED");
  }

  @Test
  void retryIsAWarningWithReasonAndDelay() {
    events.accept(new RunEvent.StepRetrying("train", 1, "exit code 137", Duration.ofSeconds(5)));

    assertThat(log.lines)
        .containsExactly("WARN [train] attempt 1 failed (exit code 137), retrying in 5.0 s");
  }

  @Test
  void warningNoticesAreWarningsAndOthersInfo() {
    events.accept(new RunEvent.Notice(RunEvent.Level.WARNING, "nvidia-smi not found"));
    events.accept(new RunEvent.Notice(RunEvent.Level.INFO, "using 2 cores"));

    assertThat(log.lines).containsExactly("WARN nvidia-smi not found", "INFO using 2 cores");
  }

  @Test
  void queuedStepsOnlyShowInDebugOutput() {
    events.accept(new RunEvent.StepQueued("train"));

    assertThat(log.lines).containsExactly("DEBUG [train] queued");
  }

  @Test
  void runStartAndEndSummariseStepsAndReportDir() {
    Path reports = Path.of("target", "baton");
    events.accept(new RunEvent.RunStarted("r1", "churn", reports, 3));
    events.accept(
        new RunEvent.RunFinished(
            TestRuns.run(
                RunStatus.FAILED,
                TestRuns.step("a", StepState.SUCCEEDED, ""),
                TestRuns.step("b", StepState.FAILED, "exit code 3"),
                TestRuns.step("c", StepState.SKIPPED, "")),
            reports));

    assertThat(log.lines)
        .containsExactly(
            "INFO Baton run r1 of churn: 3 steps, reports in " + reports,
            "INFO Baton run 20261124-101500-3f2a FAILED in 3.4 s: 1 succeeded, 1 failed, 1 skipped",
            "INFO Reports: " + reports);
  }

  @Test
  void durationsStayShort() {
    assertThat(MavenEventLog.format(Duration.ofMillis(400))).isEqualTo("0.4 s");
    assertThat(MavenEventLog.format(Duration.ofSeconds(125))).isEqualTo("2 min 05 s");
    assertThat(MavenEventLog.format(Duration.ofMinutes(185))).isEqualTo("3 h 05 min");
  }
}
