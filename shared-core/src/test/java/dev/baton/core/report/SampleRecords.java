package dev.baton.core.report;

import dev.baton.core.record.AgentRecord;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.BenchmarkResult;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.GpuRecord;
import dev.baton.core.record.RolloutEvent;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic run records for report tests: a GPU pipeline whose validation gate failed. */
final class SampleRecords {
  static final Instant T0 = Instant.parse("2026-11-24T10:15:00.120Z");

  private SampleRecords() {}

  static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  /**
   * prepare ok, two training cells (one retried), failed quality gate, a timed-out benchmark, a
   * skipped release.
   */
  static RunRecord failedRun() {
    List<StepRecord> steps = new ArrayList<>();
    steps.add(
        step(
            "prepare",
            "prepare",
            "run",
            StepState.SUCCEEDED,
            "ws1",
            List.of(),
            0,
            4_200,
            1,
            "",
            List.of()));
    steps.add(
        new StepRecord(
            "train[lr=0.01]",
            "train",
            "run",
            StepState.SUCCEEDED,
            Map.of("lr", "0.01"),
            List.of("prepare"),
            "./scripts/train.sh --lr 0.01",
            "ws1",
            List.of(0, 1),
            at(4_300),
            at(64_300),
            List.of(
                AttemptRecord.of(
                    1,
                    at(4_300),
                    at(9_300),
                    137,
                    StepState.FAILED,
                    "ws1",
                    List.of(0, 1),
                    "exit code 137 (killed by signal 9)"),
                AttemptRecord.of(
                    2, at(14_300), at(64_300), 0, StepState.SUCCEEDED, "ws1", List.of(0, 1), "")),
            "logs/train[lr=0.01].log",
            "",
            List.of(),
            Map.of(),
            false,
            null,
            null,
            null));
    steps.add(
        step(
            "train[lr=0.1]",
            "train",
            "run",
            StepState.SUCCEEDED,
            "ws2",
            List.of(2),
            4_300,
            50_000,
            1,
            "",
            List.of()));
    Map<String, Object> results = new LinkedHashMap<>();
    results.put(
        GateResult.RESULTS_KEY,
        List.of(
            new GateResult("accuracy >= 0.90", false, 0.87, 0.9, null, "accuracy 0.87 < 0.90")
                .toMap(),
            new GateResult("auc", true, 0.91, 0.85, 0.915, "auc 0.91 >= 0.85").toMap()));
    steps.add(
        new StepRecord(
            "quality",
            "quality",
            "validate",
            StepState.FAILED,
            Map.of(),
            List.of("train"),
            "./scripts/eval.sh",
            "ws1",
            List.of(),
            at(64_400),
            at(70_400),
            List.of(
                AttemptRecord.of(
                    1,
                    at(64_400),
                    at(70_400),
                    0,
                    StepState.FAILED,
                    "ws1",
                    List.of(),
                    "gate failed")),
            "logs/quality.log",
            "gate accuracy >= 0.90 failed: accuracy 0.87 < 0.90",
            List.of(
                "evaluating 10000 rows",
                "\u001B[31mERROR\u001B[0m accuracy below | target",
                "bell\u0007 and nul\u0000 end"),
            results,
            false,
            null,
            null,
            null));
    steps.add(
        step(
            "speed",
            "speed",
            "benchmark",
            StepState.TIMED_OUT,
            "ws2",
            List.of(3),
            64_400,
            30_000,
            1,
            "timed out after 30s",
            List.of("warmup 1/3", "```", "<script>alert('x')</script> & more")));
    steps.add(
        step(
            "release",
            "release",
            "deploy",
            StepState.SKIPPED,
            null,
            List.of(),
            0,
            0,
            0,
            "needs quality, which FAILED",
            List.of()));
    return new RunRecord(
        RunRecord.SCHEMA_VERSION,
        "20261124-101500-3f2a",
        "churn-model",
        RunStatus.FAILED,
        T0,
        at(94_500),
        "baton.yaml",
        "local",
        Map.of("dataset", "data/churn.csv"),
        List.of(
            new AgentRecord(
                "ws1",
                List.of("linux", "gpu", "a100"),
                4,
                List.of(
                    new GpuRecord(0, "A100", 81920, "GPU-aaa", false),
                    new GpuRecord(1, "A100", 81920, "GPU-bbb", false))),
            new AgentRecord(
                "ws2",
                List.of("gpu"),
                2,
                List.of(
                    new GpuRecord(2, "A100", 81920, null, true),
                    new GpuRecord(3, "A100", 81920, null, true)))),
        steps,
        BatonBuild.current(),
        null,
        null);
  }

  /**
   * {@link #failedRun()} plus a benchmark that regressed against its baseline and a canary
   * deployment that was rolled back: every section of report.html has data.
   */
  static RunRecord fullRun() {
    RunRecord failed = failedRun();
    List<StepRecord> steps = new ArrayList<>(failed.steps());
    BenchmarkResult benchmark =
        new BenchmarkResult(
            "ms",
            List.of(41.2, 40.8, 42.0, 41.5, 40.9, 41.1, 55.0, 41.3, 41.0, 40.7),
            List.of(39.9, 40.1, 40.0, 39.8, 40.3, 40.2, 39.7, 40.0),
            "main",
            "REGRESSION",
            "median 41.15 ms is 2.9% slower than main (limit 2%)");
    steps.add(
        withResults(
            step(
                "latency",
                "latency",
                "benchmark",
                StepState.FAILED,
                "ws2",
                List.of(2),
                54_300,
                20_000,
                1,
                "benchmark regressed: median 41.15 ms vs 40.0 ms on main",
                List.of("batch 32: 41.0 ms")),
            Map.of(BenchmarkResult.RESULTS_KEY, benchmark.toMap())));
    List<Object> rollout =
        List.of(
            new RolloutEvent(at(75_000), 10, "healthy").toMap(),
            new RolloutEvent(at(80_000), 50, "healthy").toMap(),
            new RolloutEvent(at(86_000), 50, "unhealthy").toMap(),
            new RolloutEvent(at(88_000), 0, "rolled back").toMap());
    steps.add(
        withResults(
            step(
                "canary",
                "canary",
                "deploy",
                StepState.FAILED,
                "ws1",
                List.of(),
                74_500,
                14_000,
                1,
                "health check failed twice at 50%; rolled back",
                List.of("GET /health -> 503")),
            Map.of(RolloutEvent.RESULTS_KEY, rollout)));
    return new RunRecord(
        failed.schemaVersion(),
        failed.runId(),
        failed.pipeline(),
        failed.status(),
        failed.startedAt(),
        failed.endedAt(),
        failed.descriptor(),
        failed.executor(),
        failed.params(),
        failed.agents(),
        steps,
        BatonBuild.current(),
        null,
        null);
  }

  static StepRecord withResults(StepRecord s, Map<String, Object> results) {
    return new StepRecord(
        s.id(),
        s.step(),
        s.kind(),
        s.status(),
        s.matrix(),
        s.needs(),
        s.command(),
        s.agent(),
        s.gpus(),
        s.startedAt(),
        s.endedAt(),
        s.attempts(),
        s.log(),
        s.message(),
        s.logTail(),
        results,
        false,
        null,
        null,
        null);
  }

  /** A run where every step succeeded. */
  static RunRecord succeededRun() {
    return new RunRecord(
        RunRecord.SCHEMA_VERSION,
        "20261124-101500-ok00",
        "churn-model",
        RunStatus.SUCCEEDED,
        T0,
        at(12_300),
        "baton.yaml",
        "local",
        Map.of(),
        List.of(new AgentRecord("local", List.of("linux"), 2, List.of())),
        List.of(
            step(
                "prepare",
                "prepare",
                "run",
                StepState.SUCCEEDED,
                "local",
                List.of(),
                0,
                2_000,
                1,
                "",
                List.of()),
            step(
                "train",
                "train",
                "run",
                StepState.CACHED,
                "local",
                List.of(),
                2_000,
                10_300,
                0,
                "",
                List.of())),
        BatonBuild.current(),
        null,
        null);
  }

  static StepRecord step(
      String id,
      String name,
      String kind,
      StepState status,
      String agent,
      List<Integer> gpus,
      long startMillis,
      long durationMillis,
      int attempts,
      String message,
      List<String> logTail) {
    List<AttemptRecord> attemptList = new ArrayList<>();
    for (int i = 1; i <= attempts; i++) {
      attemptList.add(
          AttemptRecord.of(
              i,
              at(startMillis),
              at(startMillis + durationMillis),
              status == StepState.SUCCEEDED ? 0 : 1,
              status,
              agent,
              gpus,
              message));
    }
    boolean ran = attempts > 0;
    return new StepRecord(
        id,
        name,
        kind,
        status,
        Map.of(),
        List.of(),
        "./scripts/" + name + ".sh",
        agent,
        gpus,
        ran ? at(startMillis) : null,
        ran ? at(startMillis + durationMillis) : null,
        attemptList,
        "logs/" + id + ".log",
        message,
        logTail,
        Map.of(),
        false,
        null,
        null,
        null);
  }
}
