package dev.baton.core.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.core.io.AtomicFiles;
import dev.baton.core.io.UserFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Writes benchmark results where dashboards look: JMH's JSON ({@code jmh-result.json}, read by
 * Jenkins' JMH Report plugin) and github-action-benchmark's custom format ({@code
 * benchmark-action.json}, smaller is better; {@code benchmark-action-throughput.json}, bigger is
 * better). Several benchmark steps of a run share the files: each replaces only its own entries.
 */
public final class BenchmarkFiles {
  public static final String DIR = "benchmarks";
  public static final String JMH = "jmh-result.json";
  public static final String ACTION = "benchmark-action.json";
  public static final String ACTION_THROUGHPUT = "benchmark-action-throughput.json";

  /** Results of many benchmarks; larger, the file is not one Baton wrote. */
  static final long MAX_RESULTS_BYTES = 64 * UserFiles.MiB;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Object LOCK = new Object();

  /** The percentiles JMH writes under {@code scorePercentiles}, keyed as JMH keys them. */
  static final List<String> JMH_PERCENTILES =
      List.of("0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99", "99.999", "99.9999", "100.0");

  private BenchmarkFiles() {}

  /** Writes (or replaces) the entries of benchmark {@code name} in the three files. */
  public static void write(
      Path reportDir, String name, int warmup, List<Double> samples, OptionalInt items)
      throws IOException {
    SampleStatistics s = SampleStatistics.of(samples);
    Path dir = reportDir.resolve(DIR);
    synchronized (LOCK) {
      Files.createDirectories(dir);
      replace(dir.resolve(JMH), "benchmark", name, jmh(name, warmup, samples, s));
      replace(dir.resolve(ACTION), "name", name, action(name, s.median(), "ms", s));
      if (items.isPresent()) {
        double perSecond = items.getAsInt() * 1000.0 / s.median();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name + " throughput");
        entry.put("value", perSecond);
        entry.put("unit", "items/s");
        replace(dir.resolve(ACTION_THROUGHPUT), "name", name + " throughput", entry);
      }
    }
  }

  /** One entry of JMH's JSON result format, mode {@code avgt} in ms/op. */
  static Map<String, Object> jmh(
      String name, int warmup, List<Double> samples, SampleStatistics s) {
    double error = samples.size() > 1 ? 2.576 * s.stddev() / Math.sqrt(samples.size()) : Double.NaN;
    double[] sorted = SampleStatistics.sorted(samples);
    Map<String, Object> percentiles = new LinkedHashMap<>();
    for (String key : JMH_PERCENTILES) {
      percentiles.put(key, SampleStatistics.percentile(sorted, Double.parseDouble(key)));
    }
    Map<String, Object> primary = new LinkedHashMap<>();
    primary.put("score", s.mean());
    primary.put("scoreError", Double.isNaN(error) ? "NaN" : error);
    primary.put(
        "scoreConfidence",
        Double.isNaN(error)
            ? List.of(s.mean(), s.mean())
            : List.of(s.mean() - error, s.mean() + error));
    primary.put("scorePercentiles", percentiles);
    primary.put("scoreUnit", "ms/op");
    primary.put("rawData", List.of(List.copyOf(samples)));
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("jmhVersion", "1.37");
    e.put("benchmark", name);
    e.put("mode", "avgt");
    e.put("threads", 1);
    e.put("forks", 1);
    e.put("jvm", "");
    e.put("jvmArgs", List.of());
    e.put("jdkVersion", System.getProperty("java.version", ""));
    e.put("vmName", "baton");
    e.put("vmVersion", "");
    e.put("warmupIterations", warmup);
    e.put("warmupTime", "single-shot");
    e.put("warmupBatchSize", 1);
    e.put("measurementIterations", samples.size());
    e.put("measurementTime", "single-shot");
    e.put("measurementBatchSize", 1);
    e.put("primaryMetric", primary);
    e.put("secondaryMetrics", Map.of());
    return e;
  }

  private static Map<String, Object> action(
      String name, double value, String unit, SampleStatistics s) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("name", name);
    e.put("value", value);
    e.put("unit", unit);
    e.put("range", String.format(Locale.ROOT, "± %.3f", s.stddev()));
    e.put(
        "extra",
        String.format(Locale.ROOT, "p90 %.3f ms, p99 %.3f ms, n=%d", s.p90(), s.p99(), s.count()));
    return e;
  }

  private static void replace(Path file, String key, String name, Map<String, Object> entry)
      throws IOException {
    List<Object> all = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      JsonNode existing =
          JSON.readTree(UserFiles.readBytes(file, "benchmark results file", MAX_RESULTS_BYTES));
      if (existing != null && existing.isArray()) {
        for (JsonNode n : existing) {
          if (!name.equals(n.path(key).asText())) {
            all.add(JSON.convertValue(n, Object.class));
          }
        }
      }
    }
    all.add(entry);
    AtomicFiles.write(file, JSON.writeValueAsBytes(all));
  }
}
