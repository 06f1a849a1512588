package dev.baton.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.BenchmarkTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, acceptance 6: with 1,000 runs in the store, {@code baton history} and {@code baton
 * trends} answer in under a second. The CLI jar runs as {@code ./baton} runs it (the newest JDK,
 * its flags, and on JDK 25 an AOT cache made by the same warm-up pipeline), without the launcher
 * itself (which would install into ~/.m2). Each row: one warm-up, then the median of five of wall
 * time and of CPU time (user + sys, from bash's {@code time}), next to {@code baton --version} as
 * the floor every command pays. Results go to the console and target/benchmark-results.md.
 */
@BenchmarkTest
class HistoryBenchmark {
  private static final int RUNS = 5;
  private static final int STORED = 1000;

  @TempDir Path tmp;

  @Test
  void historyAndTrendsAtAThousandRuns() throws Exception {
    Path repo = Path.of(System.getProperty("baton.repo", "..")).toAbsolutePath().normalize();
    Path jar = repo.resolve("baton-cli/target/baton-cli.jar");
    String java = Launcher.newestJava();
    Path aot = tmp.resolve("baton-cli.aot");
    Launcher launcher = new Launcher(java, jar, aot);
    launcher.train(tmp.resolve("warm"));

    Path real = tmp.resolve("real");
    HistoryStoreFixture.quickstart(repo, real);
    for (String rows : List.of("200", "400", "800")) {
      once(real, launcher.command("run", "baton.yaml", "-p", "rows=" + rows, "--quiet-output"));
    }
    List<Path> runs;
    try (Stream<Path> dirs = Files.list(real.resolve(".baton/runs"))) {
      runs = dirs.filter(d -> !Files.isSymbolicLink(d)).sorted().toList();
    }
    Path copies = tmp.resolve("copies");
    HistoryStoreFixture.copies(runs, copies, STORED);
    Path store = Files.createDirectories(tmp.resolve("store"));
    once(store, launcher.command("history", "import", copies.toString()));

    StringBuilder out = new StringBuilder();
    out.append(
            String.format(
                Locale.ROOT,
                "History at %,d runs (%s, %d cores; warm-up + median of %d)%n%n",
                STORED,
                java,
                Runtime.getRuntime().availableProcessors(),
                RUNS))
        .append("| command | wall (s) | CPU user+sys (s) |\n|---|---|---|\n");
    for (List<String> args :
        List.of(
            List.of("--version"),
            List.of("history"),
            List.of("history", "--last", "1000"),
            List.of("trends"),
            List.of("trends", "--last", "1000"))) {
      double[] t = median(store, launcher.command(args.toArray(String[]::new)));
      out.append(
          String.format(
              Locale.ROOT, "| `baton %s` | %.3f | %.3f |%n", String.join(" ", args), t[0], t[1]));
    }
    System.out.println(out);
    Files.writeString(
        Path.of("target/benchmark-results.md"),
        out,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertThat(store.resolve(".baton/trends.html")).exists();
  }

  /** Wall and CPU seconds, each the median of {@link #RUNS} after one warm-up. */
  private static double[] median(Path dir, List<String> command) throws Exception {
    once(dir, command);
    double[] wall = new double[RUNS];
    double[] cpu = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      double[] t = timed(dir, command);
      wall[i] = t[0];
      cpu[i] = t[1];
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new double[] {wall[RUNS / 2], cpu[RUNS / 2]};
  }

  /** {@code command} under bash's {@code time}: wall, and user + sys of the process. */
  private static double[] timed(Path dir, List<String> command) throws Exception {
    List<String> bash = new ArrayList<>();
    bash.addAll(
        List.of(
            "bash",
            "-c",
            "TIMEFORMAT='%R %U %S'; { time \"$@\" >/dev/null 2>&1 || echo failed; } 2>&1",
            "bash"));
    bash.addAll(command);
    Process p = new ProcessBuilder(bash).directory(dir.toFile()).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    if (said.contains("failed")) {
      throw new AssertionError(String.join(" ", command) + " failed in " + dir);
    }
    String[] f = said.split("\\s+");
    return new double[] {
      Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2])
    };
  }

  static void once(Path dir, List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(new File("/dev/null"))
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed in " + dir);
    }
  }

  /** The java command line {@code ./baton} builds; keep it in step with the launcher script. */
  record Launcher(String java, Path jar, Path aot) {
    /** {@code BATON_JAVA} where set, else the newest JDK under /usr/lib/jvm and /opt/java. */
    static String newestJava() {
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

    private boolean aotCapable() {
      Path home = Path.of(java).toAbsolutePath().getParent();
      return home != null && home.getParent() != null && Jdks.major(home.getParent()) >= 25;
    }

    private List<String> flags() {
      List<String> f = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
      f.add("-Xmn16m");
      if (aotCapable()) {
        f.addAll(List.of("-Xlog:aot=off", "-Xlog:cds=off", "--enable-native-access=ALL-UNNAMED"));
      }
      return f;
    }

    /** The launcher's warm-up: a two-step pipeline run once, recording the AOT cache. */
    void train(Path dir) throws Exception {
      if (!aotCapable()) {
        return;
      }
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("baton.yaml"),
          "version: 1\nname: warm-up\nsteps:\n  a: {run: \"true\"}\n"
              + "  b: {run: \"true\", needs: [a]}\n");
      List<String> cmd = new ArrayList<>(List.of(java));
      cmd.addAll(flags());
      cmd.addAll(List.of("-XX:AOTCacheOutput=" + aot, "-jar", jar.toString()));
      cmd.addAll(List.of("run", "baton.yaml", "--report-dir", "r"));
      once(dir, cmd);
    }

    List<String> command(String... args) {
      List<String> cmd = new ArrayList<>(List.of(java));
      cmd.addAll(flags());
      if (Files.isRegularFile(aot)) {
        cmd.add("-XX:AOTCache=" + aot);
      }
      cmd.addAll(List.of("-jar", jar.toString()));
      cmd.addAll(List.of(args));
      return cmd;
    }
  }
}
