package dev.baton.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AgentRecord;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.GpuRecord;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import dev.baton.core.report.ReportWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordMaskingTest {
  /** Characters JSON, XML, HTML and Markdown each escape, around a part no escaping changes. */
  private static final String CORE = "Zq9Xw7Vb";

  private static final String SECRET = "t<o\"k&é\\" + CORE + "'|`*";

  @TempDir Path dir;

  @Test
  void everyStringOfTheRecordIsMaskedMapKeysIncludedAndNoReportHoldsTheSecret() throws IOException {
    Instant t = Instant.parse("2026-12-06T10:00:00Z");
    Map<String, Object> gate = new LinkedHashMap<>();
    gate.put("name", "latency_token=" + SECRET + " < 5");
    gate.put("passed", false);
    gate.put("value", 12.0);
    gate.put("threshold", 5.0);
    gate.put("message", "latency_token=" + SECRET + " is 12");
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("metrics", Map.of("latency_token=" + SECRET, 12.0));
    results.put("gates", List.of(gate));
    results.put(
        "benchmark",
        Map.of("unit", "ms", "samplesMs", List.of(1.0, 2.0), "message", "vs " + SECRET));
    results.put(
        "rollout",
        List.of(Map.of("time", "2026-12-06T10:00:00Z", "weight", 10, "message", SECRET)));
    results.put(SECRET, Map.of(SECRET, List.of(SECRET)));
    StepRecord step =
        new StepRecord(
            "check[m=" + SECRET + "]",
            "check-" + SECRET,
            "validate",
            StepState.FAILED,
            Map.of("m" + SECRET, SECRET),
            List.of("needs-" + SECRET),
            "echo " + SECRET,
            "agent-" + SECRET,
            List.of(0),
            t,
            t.plusSeconds(1),
            List.of(
                AttemptRecord.of(
                    1, t, t.plusSeconds(1), 1, StepState.FAILED, SECRET, List.of(0), SECRET)),
            "logs/" + SECRET + ".log",
            "failed: " + SECRET,
            List.of("tail " + SECRET),
            results,
            false,
            null,
            null,
            null);
    RunRecord record =
        new RunRecord(
            RunRecord.SCHEMA_VERSION,
            "run-" + SECRET,
            "pipe-" + SECRET,
            RunStatus.FAILED,
            t,
            t.plusSeconds(2),
            "/ws/" + SECRET + "/baton.yaml",
            "local-" + SECRET,
            Map.of("p-" + SECRET, "v-" + SECRET),
            List.of(
                new AgentRecord(
                    "agent-" + SECRET,
                    List.of("gpu-" + SECRET),
                    1,
                    List.of(new GpuRecord(0, "A100-" + SECRET, 80, "GPU-" + SECRET, false)))),
            List.of(step),
            BatonBuild.current(),
            null,
            null);

    RunRecord masked = RecordMasking.mask(record, Masker.of(List.of(SECRET)));
    ReportWriter.writeAll(masked, dir, Map.of());

    assertThat(masked.toString()).doesNotContain(CORE);
    assertThat(masked.steps().get(0).results().get("metrics"))
        .isEqualTo(Map.of("latency_token=****", 12.0));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.UTF_8))
            .as(f.toString())
            .doesNotContain(CORE);
      }
    }
  }

  @Test
  void keysThatMaskAlikeAreBothKept() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("auc_aaaaaaaa", 1.0);
    metrics.put("auc_bbbbbbbb", 2.0);

    Object masked = RecordMasking.masked(metrics, Masker.of(List.of("aaaaaaaa", "bbbbbbbb")));

    assertThat(masked).isEqualTo(Map.of("auc_****", 1.0, "auc_**** (2)", 2.0));
  }
}
