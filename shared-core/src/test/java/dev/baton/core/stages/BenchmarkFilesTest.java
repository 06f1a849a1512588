package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkFilesTest {
  /** The fields JMH 1.37's JSONResultFormat writes for each benchmark (params only when set). */
  private static final List<String> JMH_FIELDS =
      List.of(
          "jmhVersion",
          "benchmark",
          "mode",
          "threads",
          "forks",
          "jvm",
          "jvmArgs",
          "jdkVersion",
          "vmName",
          "vmVersion",
          "warmupIterations",
          "warmupTime",
          "warmupBatchSize",
          "measurementIterations",
          "measurementTime",
          "measurementBatchSize",
          "primaryMetric",
          "secondaryMetrics");

  private static final List<String> PRIMARY_FIELDS =
      List.of("score", "scoreError", "scoreConfidence", "scorePercentiles", "scoreUnit", "rawData");

  private static final List<String> PERCENTILES =
      List.of("0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99", "99.999", "99.9999", "100.0");

  @TempDir Path dir;

  @Test
  void eachJmhPercentileKeyHoldsThatPercentile() throws Exception {
    List<Double> samples = new ArrayList<>();
    for (int k = 10_000; k >= 0; k--) {
      samples.add((double) k); // 0..10000: percentile p is 100·p exactly
    }
    BenchmarkFiles.write(dir, "p.ramp", 0, samples, OptionalInt.empty());
    JsonNode percentiles =
        new ObjectMapper()
            .readTree(dir.resolve("benchmarks/jmh-result.json").toFile())
            .get(0)
            .get("primaryMetric")
            .get("scorePercentiles");

    for (String key : PERCENTILES) {
      assertThat(percentiles.get(key).asDouble())
          .as(key)
          .isCloseTo(100 * Double.parseDouble(key), Assertions.within(1e-6));
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void jmhJsonHasJmhsFieldSetAndEachStepReplacesOnlyItsEntry() throws Exception {
    List<Double> samples = List.of(10.0, 11.0, 12.0, 13.0);
    BenchmarkFiles.write(dir, "p.speed", 1, samples, OptionalInt.of(32));
    BenchmarkFiles.write(dir, "p.other", 0, List.of(5.0), OptionalInt.empty());
    BenchmarkFiles.write(dir, "p.speed", 1, samples, OptionalInt.of(32));
    JsonNode jmh = new ObjectMapper().readTree(dir.resolve("benchmarks/jmh-result.json").toFile());
    assertThat(jmh.isArray()).isTrue();
    assertThat(jmh).hasSize(2);
    JsonNode speed = jmh.get(1);
    assertThat(names(speed)).containsExactlyElementsOf(JMH_FIELDS);
    assertThat(speed.get("mode").asText()).isEqualTo("avgt");
    JsonNode primary = speed.get("primaryMetric");
    assertThat(names(primary)).containsExactlyElementsOf(PRIMARY_FIELDS);
    assertThat(names(primary.get("scorePercentiles"))).containsExactlyElementsOf(PERCENTILES);
    assertThat(primary.get("score").asDouble()).isEqualTo(11.5);
    assertThat(primary.get("scoreUnit").asText()).isEqualTo("ms/op");
    assertThat(primary.get("scoreConfidence")).hasSize(2);
    assertThat(primary.get("rawData").get(0)).hasSize(4);
    assertThat(speed.get("measurementIterations").asInt()).isEqualTo(4);

    JsonNode action =
        new ObjectMapper().readTree(dir.resolve("benchmarks/benchmark-action.json").toFile());
    assertThat(names(action.get(0))).contains("name", "value", "unit", "range");
    JsonNode throughput =
        new ObjectMapper()
            .readTree(dir.resolve("benchmarks/benchmark-action-throughput.json").toFile());
    assertThat(throughput.get(0).get("unit").asText()).isEqualTo("items/s");
    assertThat(throughput.get(0).get("value").asDouble())
        .isCloseTo(32 * 1000 / 11.5, Assertions.within(1e-9));
  }
}
