package dev.baton.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.BenchmarkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What sampling each attempt's use of resources costs: 500 independent {@code true} steps with
 * sampling at its default interval against sampling off, alternated so that a machine getting
 * busier slows both alike. Run with {@code ./mvnw -B verify -pl src-it -am -Dgroups=benchmark
 * -Dtest=UsageOverheadBenchmark}.
 */
@BenchmarkTest
class UsageOverheadBenchmark {
  private static final int RUNS = 7;
  @TempDir Path tmp;

  @Test
  void samplingCostsAtMostFivePercentOnFiveHundredTrueSteps() throws Exception {
    Path dir = tmp.resolve("independent");
    Dags.independent(dir, 500);
    List<String> on = command("1s");
    List<String> off = command("0");
    Timing.once(dir, on); // warm-up: page cache, CDS
    Timing.once(dir, off);
    double[] withSampling = new double[RUNS];
    double[] without = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      withSampling[i] = Timing.once(dir, on);
      without[i] = Timing.once(dir, off);
    }
    double a = median(withSampling);
    double b = median(without);
    String line =
        String.format(
            Locale.ROOT,
            "usage sampling, 500 independent `true` (--parallel 2, median of %d): on %.3f s, off"
                + " %.3f s, overhead %+.1f %%%n",
            RUNS,
            a,
            b,
            (a / b - 1) * 100);
    System.out.print(line);
    Files.writeString(
        Path.of("target/benchmark-results.md"),
        line,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertThat(a / b).as(line).isLessThanOrEqualTo(1.05);
  }

  private static List<String> command(String interval) {
    Path repo = Path.of(System.getProperty("baton.repo", "..")).toAbsolutePath().normalize();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dbaton.usage.interval=" + interval);
    cmd.add("-jar");
    cmd.add(repo.resolve("baton-cli/target/baton-cli.jar").toString());
    cmd.addAll(
        List.of("run", "baton.yaml", "--report-dir", "out", "--parallel", "2", "--quiet-output"));
    return cmd;
  }

  private static double median(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
