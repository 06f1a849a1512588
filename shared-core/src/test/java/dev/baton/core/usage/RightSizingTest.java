package dev.baton.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepRequest;
import dev.baton.core.record.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RightSizingTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aTwoHourTimeoutOnAStepThatTookSixMinutesAtMostIsAdvisedFifteenMinutes() {
    StepRecord evaluate =
        step(
            "evaluate",
            new StepRequest(0, null, 0, null, Duration.ofHours(2).toMillis()),
            360_000,
            null);
    assertThat(RightSizing.advise(List.of(run(evaluate))))
        .extracting(RightSizing.Advice::text)
        .containsExactly("evaluate: timeout 2h, longest 6m → timeout: 15m");
  }

  @Test
  void memoryAskedFarAboveThePeakOverSeveralRunsIsAdvisedThePeakWithHeadroom() {
    StepRequest asked = new StepRequest(0, null, 0, 8L << 30, null);
    AttemptUsage small = new AttemptUsage(1, 300L << 20, null, 0, 0, 0, "proc", List.of());
    AttemptUsage larger = new AttemptUsage(1, 400L << 20, null, 0, 0, 0, "proc", List.of());
    List<RightSizing.Advice> advice =
        RightSizing.advise(
            List.of(run(step("prep", asked, 1000, small)), run(step("prep", asked, 1000, larger))));
    assertThat(advice).extracting(RightSizing.Advice::suggested).containsExactly("500MB");
  }

  @Test
  void aStepThatUsedWhatItAskedForGetsNoAdvice() {
    StepRequest asked = new StepRequest(0, null, 0, 512L << 20, null);
    AttemptUsage u = new AttemptUsage(1, 400L << 20, null, 0, 0, 0, "proc", List.of());
    assertThat(RightSizing.advise(List.of(run(step("fit", asked, 1000, u))))).isEmpty();
  }

  private static StepRecord step(
      String id, StepRequest asked, long millis, @Nullable AttemptUsage usage) {
    AttemptRecord a =
        AttemptRecord.of(
                1, T0, T0.plusMillis(millis), 0, StepState.SUCCEEDED, "local", List.of(), "")
            .withLeaseWait(0)
            .withOutputs(Map.of())
            .withUsage(usage);
    return new StepRecord(
        id,
        id,
        "run",
        StepState.SUCCEEDED,
        Map.of(),
        List.of(),
        "true",
        "local",
        List.of(),
        T0,
        T0.plusMillis(millis),
        List.of(a),
        null,
        "",
        List.of(),
        Map.of(),
        false,
        null,
        asked,
        null);
  }

  private static RunRecord run(StepRecord step) {
    return new RunRecord(
        RunRecord.SCHEMA_VERSION,
        "r",
        "p",
        RunStatus.SUCCEEDED,
        T0,
        T0.plusSeconds(600),
        "baton.yaml",
        "local",
        Map.of(),
        List.of(),
        List.of(step),
        BatonBuild.current(),
        null,
        null);
  }
}
