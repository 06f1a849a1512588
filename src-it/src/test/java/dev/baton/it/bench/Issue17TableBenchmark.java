package dev.baton.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.BenchmarkTest;
import dev.baton.it.bench.Measured.Cost;
import dev.baton.it.bench.Measured.Series;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of issue 17's table in one run, each next to its floor measured in the same rounds
 * (Baton and its floor alternate, after one warm-up of each), written as one markdown table to
 * {@code target/issue-17-table.md}. Baton runs through {@code ./baton}, as a user starts it (the
 * newest JDK it finds, its AOT cache or class-data-sharing archive); the JVM floors use that JDK.
 * Each figure is wall time and CPU time (user + system of the process and all its children), min –
 * max (median) over {@code -Dbaton.bench.runs} rounds (5); ratios are of the medians.
 *
 * <p>Sizes: {@code -Dbaton.bench.cacheMiB} (1024, the issue's size), {@code -Dbaton.bench.runCells}
 * (2,000; the issue's row is 100,000, which takes about 40 minutes on two cores), {@code
 * -Dbaton.bench.makeCells} (as many as runCells). Run with {@code ./mvnw -B verify -pl src-it -am
 * -Dgroups=benchmark -Dbaton.excludedGroups=gpu -Dtest=Issue17TableBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dinvoker.skip=true}.
 */
@BenchmarkTest
class Issue17TableBenchmark {
  private static final int RUNS = Integer.getInteger("baton.bench.runs", 5);
  private static final long CACHE_MIB = Long.getLong("baton.bench.cacheMiB", 1024);
  private static final int RUN_CELLS = Integer.getInteger("baton.bench.runCells", 2_000);
  private static final int MAKE_CELLS = Integer.getInteger("baton.bench.makeCells", RUN_CELLS);
  private static final List<String> MAKE = List.of("make", "-s", "-j2");
  // ./baton's own JVM options, for the floors that read the descriptor.
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn16m");

  @TempDir Path tmp;
  private final StringBuilder table = new StringBuilder();

  @Test
  void everyRowOfIssue17AgainstItsFloorInOneRun() throws Exception {
    Launcher.requireFreshJar();
    table.append(
        String.format(
            Locale.ROOT,
            "Issue 17, %d rounds after one warm-up; min – max (median) of wall time and of CPU"
                + " time (user + system, the process and its children); ratios are of the"
                + " medians. Baton through `./baton` on %s.%n%n"
                + "| row | Baton wall (s) | Baton CPU (s) | floor | floor wall (s) | floor CPU (s)"
                + " | ratio wall | ratio CPU | target |%n|---|---|---|---|---|---|---|---|---|%n",
            RUNS,
            Launcher.java()));
    startUpAndSteps();
    planAtScale();
    cache();
    largeRun();
    Files.writeString(Path.of("target/issue-17-table.md"), table);
    System.out.println(table);
  }

  private void startUpAndSteps() throws Exception {
    Path one = tmp.resolve("one");
    Dags.chain(one, 1);
    Path chain = tmp.resolve("chain");
    Dags.chain(chain, 200);
    Path independent = tmp.resolve("independent");
    Dags.independent(independent, 500);
    List<String> run = Launcher.run("--parallel", "2");
    List<String> javaVersion = List.of(Launcher.java(), "-version");

    List<Series> s =
        rounds(cmd(one, run), cmd(one, javaVersion), cmd(one, Launcher.baton("--version")));
    row(
        "one-step pipeline vs bare `java -version`",
        s.get(0),
        "`java -version`",
        s.get(1),
        "≤ 2.5x");
    // What every command pays before its own work: the JVM with Baton's classes mapped from the
    // AOT cache, and picocli's model of the command line. The one-step row minus this one is the
    // run's own cost.
    row(
        "`baton --version` (the floor of every command) vs bare `java -version`",
        s.get(2),
        "`java -version`",
        s.get(1),
        "");

    s = rounds(cmd(one, run), cmd(chain, run), cmd(one, MAKE), cmd(chain, MAKE));
    Series batonStep = s.get(1).minus(s.get(0)).over(199 / 1000.0);
    Series makeStep = s.get(3).minus(s.get(2)).over(199 / 1000.0);
    row(
        "200-step chain: time per step in **ms** (chain minus one-step, / 199) vs make's",
        batonStep,
        "make's per step (ms)",
        makeStep,
        "≤ 1.5x");
    row("200-step chain, whole, vs `make -j2`", s.get(1), "`make -j2`", s.get(3), "");

    s = rounds(cmd(independent, run), cmd(independent, MAKE));
    row(
        "500 independent `true`, `--parallel 2`, vs `make -j2`",
        s.get(0),
        "`make -j2`",
        s.get(1),
        "≤ 1.5x");
  }

  private void planAtScale() throws Exception {
    Path dag = ScaleDags.layered(tmp.resolve("dag"), 10_000, 10, 2).getParent();
    Path matrix = ScaleDags.matrix(tmp.resolve("matrix"), 1000, 100).getParent();
    List<String> plan = Launcher.baton("plan", "baton.yaml");
    for (Path dir : List.of(dag, matrix)) {
      List<String> floor = new ArrayList<>(List.of(Launcher.java()));
      floor.addAll(JVM_OPTIONS);
      floor.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              ReadFileFloor.class.getName(),
              "baton.yaml"));
      List<Series> s = rounds(cmd(dir, plan), cmd(dir, floor));
      boolean isDag = dir.equals(dag);
      row(
          (isDag ? "`baton plan`, 10,000-step DAG" : "`baton plan`, 100,000-cell matrix")
              + "; peak RSS "
              + Measured.range(s.get(0).rssMb(), "%.0f")
              + " MB",
          s.get(0),
          "JVM reading + tokenising the file",
          s.get(1),
          isDag ? "≤ 0.3 s, ≤ 150 MB" : "≤ 1.0 s, ≤ 300 MB");
    }
  }

  private void cache() throws Exception {
    Files.createDirectories(tmp.resolve("c"));
    sh(tmp.resolve("c"), "head -c " + CACHE_MIB * 1024 * 1024 + " /dev/urandom > src.bin");
    Path cached = cacheWorkspace("cached", true);
    Path plain = cacheWorkspace("plain", false);
    Path one = tmp.resolve("one");
    List<String> run = Launcher.run();
    List<Command> commands =
        List.of(
            cmd(tmp.resolve("c"), List.of("sha256sum", "src.bin")),
            cmd(tmp.resolve("c"), List.of("cp", "src.bin", "copy.bin")),
            cmd(one, run),
            new Command(plain, run, "rm -f out.bin"),
            new Command(cached, run, "rm -rf .baton out.bin"),
            new Command(cached, run, "rm -f out.bin"),
            new Command(cached, run, null));
    List<Series> s = rounds(commands.toArray(Command[]::new));
    String size = CACHE_MIB + " MiB";
    row(
        "cache, one " + size + " output: store (first run minus making the file)",
        s.get(4).minus(s.get(3)),
        "`sha256sum`",
        s.get(0),
        "≤ 1.3x");
    row(
        "cache: restore after the output was deleted (minus one-step)",
        s.get(5).minus(s.get(2)),
        "`cp`",
        s.get(1),
        "≤ 0.5 s (1 GiB)");
    Series extra = s.get(6).minus(s.get(2));
    row(
        String.format(
            Locale.ROOT,
            "cache: re-run with nothing changed (minus one-step: wall %.3f s, CPU %.3f s)",
            extra.medianWall(),
            extra.medianCpu()),
        s.get(6),
        "one-step pipeline",
        s.get(2),
        "≤ one-step + 0.1 s");
    sh(cached, "cmp ../c/src.bin out.bin");
  }

  private void largeRun() throws Exception {
    if (RUN_CELLS <= 0) {
      table.append("\nThe large matrix run: not run (`-Dbaton.bench.runCells=0`).\n");
      return;
    }
    Path dir = ScaleDags.matrix(tmp.resolve("run"), RUN_CELLS / 100, 100).getParent();
    Path makeDir = ScaleDags.matrixMakefile(tmp.resolve("make"), MAKE_CELLS);
    Cost baton = Measured.once(dir, Launcher.run("--parallel", "2"), Map.of(), 120);
    Cost make = Measured.once(makeDir, MAKE, Map.of(), 120);
    double perCell = baton.wall() * 1000 / RUN_CELLS;
    double makePerCell = make.wall() * 1000 / MAKE_CELLS;
    double cpuPerCell = baton.cpu() * 1000 / RUN_CELLS;
    double makeCpuPerCell = make.cpu() * 1000 / MAKE_CELLS;
    Path html = dir.resolve("out/report.html");
    Path cells = dir.resolve("out/report-cells-1.html");
    table.append(
        String.format(
            Locale.ROOT,
            "| running the %,d-cell matrix (+ fan-in), `--parallel 2`: completes; peak RSS %.0f MB;"
                + " per cell in **ms**; report.html %.2f MB (cells page %.1f MB) | %.2f | %.2f |"
                + " `make -j2` on %,d targets, per target (ms) | %.2f | %.2f | %.2fx | %.2fx |"
                + " RSS ≤ 512 MB, per step as above, report.html ≤ 20 MB and opens |%n",
            RUN_CELLS,
            baton.rssMb(),
            Files.size(html) / 1e6,
            Files.exists(cells) ? Files.size(cells) / 1e6 : 0.0,
            perCell,
            cpuPerCell,
            MAKE_CELLS,
            makePerCell,
            makeCpuPerCell,
            perCell / makePerCell,
            cpuPerCell / makeCpuPerCell));
    table.append("\n").append(Chromium.opens(html, tmp)).append("\n");
  }

  private Path cacheWorkspace(String name, boolean cache) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("train.sh"), "cp ../c/src.bin out.bin\n");
    Files.writeString(
        dir.resolve("baton.yaml"),
        "version: 1\nname: checkpoint\nsteps:\n  train:\n    run: sh train.sh\n"
            + (cache ? "    cache: true\n    inputs: [train.sh]\n    outputs: [out.bin]\n" : ""));
    return dir;
  }

  /** A command, its directory, and a shell line run (untimed) before each of its runs. */
  private record Command(Path dir, List<String> argv, String before) {}

  private static Command cmd(Path dir, List<String> argv) {
    return new Command(dir, argv, null);
  }

  /** One warm-up of each command, then {@link #RUNS} rounds running each once, in order. */
  private static List<Series> rounds(Command... commands) throws Exception {
    List<List<Cost>> costs = new ArrayList<>();
    for (Command c : commands) {
      run(c);
      costs.add(new ArrayList<>());
    }
    for (int round = 0; round < RUNS; round++) {
      for (int i = 0; i < commands.length; i++) {
        costs.get(i).add(run(commands[i]));
      }
    }
    return costs.stream().map(Series::of).toList();
  }

  private static Cost run(Command c) throws Exception {
    if (c.before() != null) {
      sh(c.dir(), c.before());
    }
    return Measured.once(c.dir(), c.argv(), Map.of(), 20);
  }

  private void row(String name, Series baton, String floorName, Series floor, String target) {
    table.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s | %.2fx | %.2fx | %s |%n",
            name,
            Measured.range(baton.wall(), "%.3f"),
            Measured.range(baton.cpu(), "%.3f"),
            floorName,
            Measured.range(floor.wall(), "%.3f"),
            Measured.range(floor.cpu(), "%.3f"),
            baton.medianWall() / floor.medianWall(),
            baton.medianCpu() / floor.medianCpu(),
            target));
  }

  private static void sh(Path dir, String script) throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(new File("/dev/null"))
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError(script + " failed in " + dir);
    }
  }

  /** {@code ./baton} of this checkout, and the JDK it picks. */
  static final class Launcher {
    private Launcher() {}

    static Path repo() {
      return Path.of(System.getProperty("baton.repo", "..")).toAbsolutePath().normalize();
    }

    static List<String> baton(String... args) {
      List<String> cmd = new ArrayList<>(List.of(repo().resolve("baton").toString()));
      cmd.addAll(List.of(args));
      return cmd;
    }

    static List<String> run(String... more) {
      List<String> cmd = baton("run", "baton.yaml", "--report-dir", "out", "--quiet-output");
      cmd.addAll(List.of(more));
      return cmd;
    }

    /** The java {@code ./baton} runs: {@code BATON_JAVA}, else the newest JDK it finds. */
    static String java() {
      String set = System.getenv("BATON_JAVA");
      if (set != null && !set.isEmpty()) {
        return set;
      }
      String best = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      int bestMajor = Jdks.major(Path.of(System.getProperty("java.home")));
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

    /**
     * {@code ./baton} rebuilds (and installs) the CLI when a source is newer than its jar; a
     * benchmark must time the jar the reactor built instead, so it stops here first.
     */
    static void requireFreshJar() throws Exception {
      Path jar = repo().resolve("baton-cli/target/baton-cli.jar");
      assertThat(jar).as("the CLI jar (build the reactor first)").isRegularFile();
      long built = Files.getLastModifiedTime(jar).toMillis();
      for (String root : List.of("shared-core/src/main", "baton-cli/src/main")) {
        try (Stream<Path> files = Files.walk(repo().resolve(root))) {
          List<Path> newer =
              files
                  .filter(Files::isRegularFile)
                  .filter(f -> f.toFile().lastModified() > built)
                  .toList();
          assertThat(newer).as("sources newer than %s: rebuild the reactor first", jar).isEmpty();
        }
      }
    }
  }
}
