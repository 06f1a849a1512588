package dev.baton.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.BenchmarkTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end benchmarks: Baton's wall time (JVM start included) next to {@code make -j2} on the
 * same DAG, and GPU packing against its lower bound. Run with {@code ./mvnw -B verify -pl src-it
 * -am -Dgroups=benchmark -Dbaton.excludedGroups=gpu}; results go to the console and to
 * target/benchmark-results.md.
 */
@BenchmarkTest
class SchedulingBenchmark {
  private static final int RUNS = 5;
  @TempDir Path tmp;
  private final StringBuilder results = new StringBuilder();

  @Test
  void batonAgainstMakeOnIndependentStepsAndAChain() throws Exception {
    results.append("| DAG | make -j2 (s) | baton --parallel 2 (s) | ratio |\n|---|---|---|---|\n");
    Path independent = tmp.resolve("independent");
    Dags.independent(independent, 500);
    compare("500 independent `true`", independent);
    Path chain = tmp.resolve("chain");
    Dags.chain(chain, 200);
    compare("200-step chain of `true`", chain);
    report();
  }

  /**
   * Issue 17's start-up and per-step rows, each next to its floor measured in the same run: a
   * one-step pipeline against a bare {@code java -version} of the JDK {@code ./baton} picks, and
   * the time per step of a 200-step chain (chain minus one-step pipeline, over 199) against make's
   * (likewise, from make's own one-step and 200-step chains).
   */
  @Test
  void startUpAndTimePerStepAgainstTheirFloors() throws Exception {
    Path one = tmp.resolve("one");
    Dags.chain(one, 1);
    Path chain = tmp.resolve("chain");
    Dags.chain(chain, 200);
    List<String> run =
        batonCommand(
            "run", "baton.yaml", "--parallel", "2", "--report-dir", "out", "--quiet-output");
    double java = Timing.medianSeconds(one, List.of(javaOfLauncher(), "-version"), 1, RUNS);
    double batonOne = Timing.medianSeconds(one, run, 1, RUNS);
    double batonChain = Timing.medianSeconds(chain, run, 1, RUNS);
    List<String> make = List.of("make", "-j2", "-s");
    double makeOne = Timing.medianSeconds(one, make, 1, RUNS);
    double makeChain = Timing.medianSeconds(chain, make, 1, RUNS);
    double batonStep = (batonChain - batonOne) / 199 * 1000;
    double makeStep = (makeChain - makeOne) / 199 * 1000;
    results
        .append("| row | Baton | floor | ratio |\n|---|---|---|---|\n")
        .append(
            String.format(
                Locale.ROOT,
                "| one-step pipeline, wall, vs bare `java -version` | %.3f s | %.3f s | %.2fx |%n",
                batonOne,
                java,
                batonOne / java))
        .append(
            String.format(
                Locale.ROOT,
                "| 200-step chain, time per step (chain minus one-step) vs make's | %.2f ms | %.2f ms"
                    + " | %.2fx |%n",
                batonStep,
                makeStep,
                batonStep / makeStep));
    report();
  }

  /** The java {@code ./baton} runs: {@code BATON_JAVA} where set, else the newest JDK it finds. */
  private static String javaOfLauncher() {
    String set = System.getenv("BATON_JAVA");
    if (set != null && !set.isEmpty()) {
      return set;
    }
    String best = "java";
    int bestMajor = 0;
    for (String root : List.of("/usr/lib/jvm", "/opt/java")) {
      File[] homes = new File(root).listFiles();
      for (File home : homes == null ? new File[0] : homes) {
        int major = Jdks.major(home.toPath());
        if (major > bestMajor && new File(home, "bin/java").canExecute()) {
          best = new File(home, "bin/java").getPath();
          bestMajor = major;
        }
      }
    }
    return best;
  }

  @Test
  void gpuPackingMakespanAgainstTheLowerBound() throws Exception {
    Path dir = tmp.resolve("packing");
    Dags.gpuPacking(dir);
    List<String> cmd = batonCommand("run", "baton.yaml", "--report-dir", "out", "--quiet-output");
    Timing.once(dir, cmd);
    JsonNode run = new ObjectMapper().readTree(dir.resolve("out/run.json").toFile());
    Instant first = Instant.MAX;
    Instant last = Instant.MIN;
    double gpuSeconds = 0;
    List<JsonNode> attempts = new ArrayList<>();
    for (JsonNode s : run.get("steps")) {
      for (JsonNode a : s.get("attempts")) {
        Instant st = Instant.parse(a.get("startedAt").asText());
        Instant en = Instant.parse(a.get("endedAt").asText());
        first = st.isBefore(first) ? st : first;
        last = en.isAfter(last) ? en : last;
        gpuSeconds += a.get("gpus").size() * 0.2;
        attempts.add(a);
      }
    }
    double makespan = (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
    double bound = gpuSeconds / 8;
    assertThat(Overlaps.sharedGpus(attempts)).isEmpty();
    results.append(
        String.format(
            Locale.ROOT,
            "GPU packing (48 steps of 1/2/4 GPUs x 0.2 s, two 4-GPU agents): makespan %.2f s, lower bound %.2f s, ratio %.3f%n",
            makespan,
            bound,
            makespan / bound));
    report();
  }

  @Test
  void gpuPackingOnSlurmAgainstTheLowerBound() throws Exception {
    Path dir = tmp.resolve("packing-slurm");
    Dags.gpuPacking(dir);
    long start = System.nanoTime();
    Timing.once(
        dir,
        batonCommand(
            "run", "baton.yaml", "--executor", "slurm", "--report-dir", "out", "--quiet-output"));
    double wall = (System.nanoTime() - start) / 1e9;
    JsonNode run = new ObjectMapper().readTree(dir.resolve("out/run.json").toFile());
    Instant first = Instant.MAX;
    Instant last = Instant.MIN;
    double gpuSeconds = 0;
    for (JsonNode s : run.get("steps")) {
      for (JsonNode a : s.get("attempts")) {
        Instant st = Instant.parse(a.get("startedAt").asText());
        Instant en = Instant.parse(a.get("endedAt").asText());
        first = st.isBefore(first) ? st : first;
        last = en.isAfter(last) ? en : last;
      }
      gpuSeconds +=
          new int[] {1, 2, 4}[Integer.parseInt(s.get("id").asText().substring(1)) % 3] * 0.2;
    }
    double makespan = (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
    double bound = gpuSeconds / 4;
    results.append(
        String.format(
            Locale.ROOT,
            "GPU packing on Slurm (same 48 steps, one node with 4 GPUs): makespan %.2f s, lower bound %.2f s, ratio %.3f (wall %.2f s with JVM start)%n",
            makespan,
            bound,
            makespan / bound,
            wall));
    report();
  }

  private void compare(String name, Path dir) throws Exception {
    double make = Timing.medianSeconds(dir, List.of("make", "-j2", "-s"), 1, RUNS);
    double baton =
        Timing.medianSeconds(
            dir,
            batonCommand(
                "run", "baton.yaml", "--parallel", "2", "--report-dir", "out", "--quiet-output"),
            1,
            RUNS);
    results.append(
        String.format(
            Locale.ROOT, "| %s | %.3f | %.3f | %.2fx |%n", name, make, baton, baton / make));
  }

  private List<String> batonCommand(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        Path.of(System.getProperty("baton.repo", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("baton")
            .toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  private void report() throws Exception {
    System.out.println(results);
    Path out = Path.of("target/benchmark-results.md");
    Files.writeString(out, results, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
