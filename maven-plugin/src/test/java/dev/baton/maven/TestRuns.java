package dev.baton.maven;

import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.time.Instant;
import java.util.List;

/** Small run records for tests: only the fields the Maven goals read are filled in. */
final class TestRuns {
  static final Instant START = Instant.parse("2026-11-24T10:15:00.000Z");

  private TestRuns() {}

  static StepRecord step(String id, StepState status, String message) {
    return new StepRecord(
        id,
        id.replaceAll("\\[.*", ""),
        "run",
        status,
        null,
        null,
        "true",
        "local",
        null,
        START,
        START.plusMillis(1200),
        null,
        "logs/" + id + ".log",
        message,
        null,
        null,
        false,
        null,
        null,
        null);
  }

  static RunRecord run(RunStatus status, StepRecord... steps) {
    return new RunRecord(
        RunRecord.SCHEMA_VERSION,
        "20261124-101500-3f2a",
        "churn",
        status,
        START,
        START.plusMillis(3400),
        "baton.yaml",
        "local",
        null,
        null,
        List.of(steps),
        BatonBuild.current(),
        null,
        null);
  }
}
