package dev.baton.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.BenchmarkTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "plan at scale" and "reports at scale" rows: {@code baton plan} of a 10,000-step DAG
 * (10 layers, 2 random needs each) and of a 100,000-cell matrix with one fan-in, wall time and peak
 * RSS ({@code /usr/bin/time}), next to two floors measured in the same run: a bare {@code java
 * -version}, and a JVM with the same options reading the same file and walking its YAML tokens
 * ({@link ReadFileFloor}). Then, unless {@code -Dbaton.bench.runCells=0}, real runs of the matrix
 * pipeline ({@code -Dbaton.bench.runCells} cells, 100,000 unless told; {@code
 * -Dbaton.bench.runRounds} rounds, 2 unless told), each next to {@code make -j2} on a Makefile of
 * as many targets ({@code -Dbaton.bench.makeCells} to scale make down): wall time, CPU, peak RSS,
 * time per cell against make's, the sizes of report.html and run.json, and whether headless
 * Chromium opens report.html. Baton runs as {@code ./baton} starts it (C1 only, serial GC, {@code
 * -Xmn16m}) from the reactor's CLI jar, without a CDS archive. Run with {@code ./mvnw -B verify -pl
 * src-it -am -Dgroups=benchmark -Dbaton.excludedGroups=gpu -Dtest=PlanAtScaleBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dinvoker.skip=true}; results go to the console and to
 * target/plan-scale-benchmark.md.
 */
@BenchmarkTest
class PlanAtScaleBenchmark {
  private static final int RUNS = Integer.getInteger("baton.bench.planRuns", 5);
  // The row: 100,000 cells. make runs the same number of targets unless told fewer.
  private static final int RUN_CELLS = Integer.getInteger("baton.bench.runCells", 100_000);
  private static final int MAKE_CELLS = Integer.getInteger("baton.bench.makeCells", RUN_CELLS);
  private static final int RUN_ROUNDS = Integer.getInteger("baton.bench.runRounds", 2);
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn16m");

  @TempDir Path tmp;

  /**
   * Seconds of wall time, seconds of CPU (user + system, which a loaded machine moves far less than
   * wall time) and peak resident set size in MB of one command.
   */
  record Cost(double seconds, double cpuSeconds, double rssMb) {}

  @Test
  void planOfALargeDagAndALargeMatrixAgainstTheJvmFloors() throws Exception {
    Path dag = ScaleDags.layered(tmp.resolve("dag"), 10_000, 10, 2);
    Path matrix = ScaleDags.matrix(tmp.resolve("matrix"), 1000, 100);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n`baton plan` at scale, %d runs after one warm-up, min – max (median):%n%n",
            RUNS));
    out.append("| workload | wall (s) | CPU (s) | peak RSS (MB) |\n|---|---|---|---|\n");
    row(out, "bare `java -version`", List.of(java(), "-version"), tmp);
    for (Path file : List.of(dag, matrix)) {
      String name = file.getParent().getFileName().toString();
      List<String> floor = new ArrayList<>(List.of(java()));
      floor.addAll(JVM_OPTIONS);
      floor.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              ReadFileFloor.class.getName(),
              file.toString()));
      row(out, name + ": JVM reading and tokenising the file", floor, file.getParent());
      row(out, name + ": `baton plan`", baton("plan", "baton.yaml"), file.getParent());
    }
    report(out);
  }

  @Test
  void runOfTheLargeMatrixCompletesWithinItsMemoryAndReportBounds() throws Exception {
    if (RUN_CELLS == 0) {
      return;
    }
    Path file = ScaleDags.matrix(tmp.resolve("run"), RUN_CELLS / 100, 100);
    Path dir = file.getParent();
    Path makeDir = ScaleDags.matrixMakefile(tmp.resolve("make"), MAKE_CELLS);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nRunning the %,d-cell matrix (+ fan-in), --parallel 2, against make -j2 on %,d"
                + " targets (+ fan-in), %d rounds, each alternating:%n%n"
                + "| round | Baton wall (s) | CPU (s) | peak RSS (MB) | per cell (ms) | make wall (s)"
                + " | make per cell (ms) | ratio | report.html (MB) | cells page (MB) | run.json (MB)"
                + " |%n|---|---|---|---|---|---|---|---|---|---|---|%n",
            RUN_CELLS,
            MAKE_CELLS,
            RUN_ROUNDS));
    for (int round = 1; round <= RUN_ROUNDS; round++) {
      deleteTree(dir.resolve("out"));
      Cost cost =
          measure(
              dir,
              baton(
                  "run", "baton.yaml", "--parallel", "2", "--report-dir", "out", "--quiet-output"),
              180);
      Cost make = measure(makeDir, List.of("make", "-s", "-j2"), 180);
      Path html = dir.resolve("out/report.html");
      Path cells = dir.resolve("out/report-cells-1.html");
      assertThat(html).isRegularFile();
      double perCell = cost.seconds() * 1000 / RUN_CELLS;
      double makePerCell = make.seconds() * 1000 / MAKE_CELLS;
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %.1f | %.1f | %.0f | %.2f | %.1f | %.2f | %.2fx | %.2f | %.1f | %.1f |%n",
              round,
              cost.seconds(),
              cost.cpuSeconds(),
              cost.rssMb(),
              perCell,
              make.seconds(),
              makePerCell,
              perCell / makePerCell,
              Files.size(html) / 1e6,
              Files.exists(cells) ? Files.size(cells) / 1e6 : 0.0,
              Files.size(dir.resolve("out/run.json")) / 1e6));
    }
    out.append(Chromium.opens(dir.resolve("out/report.html"), tmp));
    report(out);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void row(StringBuilder out, String name, List<String> command, Path dir)
      throws Exception {
    measure(dir, command, 10); // warm-up: page cache
    Cost[] costs = new Cost[RUNS];
    for (int i = 0; i < RUNS; i++) {
      costs[i] = measure(dir, command, 10);
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %s |%n",
            name,
            range(Arrays.stream(costs).mapToDouble(Cost::seconds).toArray(), "%.3f"),
            range(Arrays.stream(costs).mapToDouble(Cost::cpuSeconds).toArray(), "%.2f"),
            range(Arrays.stream(costs).mapToDouble(Cost::rssMb).toArray(), "%.0f")));
  }

  /** Runs {@code command} under {@code /usr/bin/time}: its wall time and peak RSS. */
  private Cost measure(Path dir, List<String> command, int minutes) throws Exception {
    Path times = Files.createTempFile(tmp, "time", ".txt");
    List<String> timed =
        new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S %M"));
    timed.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(timed)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(new File("/dev/null"));
    pb.environment().put("CI", "true");
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " failed in " + dir);
    }
    String[] fields = Files.readString(times).strip().split("\\s+");
    int n = fields.length; // the last line; a failing command's status line comes before it
    return new Cost(
        Double.parseDouble(fields[n - 4]),
        Double.parseDouble(fields[n - 3]) + Double.parseDouble(fields[n - 2]),
        Double.parseDouble(fields[n - 1]) / 1024);
  }

  private static String range(double[] values, String format) {
    double[] s = values.clone();
    Arrays.sort(s);
    String f = format + " – " + format + " (" + format + ")";
    return String.format(Locale.ROOT, f, s[0], s[s.length - 1], s[s.length / 2]);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> baton(String... args) {
    Path repo = Path.of(System.getProperty("baton.repo", "..")).toAbsolutePath().normalize();
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(JVM_OPTIONS);
    cmd.addAll(List.of("-jar", repo.resolve("baton-cli/target/baton-cli.jar").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static void report(StringBuilder out) throws Exception {
    System.out.println(out);
    Files.writeString(
        Path.of("target/plan-scale-benchmark.md"),
        out,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
