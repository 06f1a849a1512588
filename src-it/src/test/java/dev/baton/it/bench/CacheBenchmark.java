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
 * The step cache at checkpoint size: one step whose output is a large file ({@code
 * -Dbaton.bench.cacheMiB}, 1024 unless told), stored on the first run, restored after it was
 * deleted, and found in place on a re-run, each next to its floor measured in the same run: one
 * {@code sha256sum} and one {@code cp} of the file, and the one-step pipeline {@code run: "true"}.
 * Baton runs as {@code ./baton} starts it (C1 only, serial GC, small young generation), from the
 * CLI jar the reactor built, without the class-data-sharing archive (which the one-step floor lacks
 * as well). Run with {@code ./mvnw -B verify -pl src-it -am -Dgroups=benchmark
 * -Dbaton.excludedGroups=gpu -Dtest=CacheBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dinvoker.skip=true}; results go to the console and to target/cache-benchmark.md.
 */
@BenchmarkTest
class CacheBenchmark {
  private static final int RUNS = Integer.getInteger("baton.bench.cacheRuns", 3);
  private static final long MIB = Long.getLong("baton.bench.cacheMiB", 1024);

  @TempDir Path tmp;

  @Test
  void storeRestoreAndRerunOfOneLargeOutputAgainstTheirFloors() throws Exception {
    Path src = tmp.resolve("src.bin");
    sh(tmp, "head -c " + MIB * 1024 * 1024 + " /dev/urandom > src.bin");
    Path cached = workspace("cached", true);
    Path linked = workspace("linked", true);
    Path plain = workspace("plain", false);
    Path oneStep = Files.createDirectories(tmp.resolve("one-step"));
    Files.writeString(
        oneStep.resolve("baton.yaml"),
        "version: 1\nname: one\nsteps:\n  one:\n    run: \"true\"\n");

    double[] sha = new double[RUNS];
    double[] cp = new double[RUNS];
    double[] one = new double[RUNS];
    double[] make = new double[RUNS];
    double[] store = new double[RUNS];
    double[] restore = new double[RUNS];
    double[] rerun = new double[RUNS];
    double[] linkStore = new double[RUNS];
    double[] linkRestore = new double[RUNS];
    double[] linkRerun = new double[RUNS];
    baton(oneStep); // warm-up: page cache, JIT-free start of the JVM
    for (int i = 0; i < RUNS; i++) {
      sha[i] = sh(tmp, "sha256sum src.bin > /dev/null");
      cp[i] = sh(tmp, "rm -f copy.bin && cp src.bin copy.bin") - sh(tmp, "rm -f copy.bin");
      one[i] = baton(oneStep);
      sh(plain, "rm -f out.bin");
      make[i] = baton(plain);
      sh(cached, "rm -rf .baton out.bin");
      store[i] = baton(cached) - make[i];
      sh(cached, "rm -f out.bin");
      restore[i] = baton(cached) - one[i];
      assertThat(Files.size(cached.resolve("out.bin"))).isEqualTo(Files.size(src));
      rerun[i] = baton(cached);
      sh(linked, "rm -rf .baton out.bin");
      linkStore[i] = baton(linked, LINKS) - make[i];
      sh(linked, "rm -f out.bin");
      linkRestore[i] = baton(linked, LINKS) - one[i];
      linkRerun[i] = baton(linked, LINKS);
    }
    sh(tmp, "cmp src.bin linked/out.bin");
    sh(tmp, "cmp src.bin cached/out.bin");

    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nCache, one %d MiB output, %d runs, min – max (median) in seconds:%n%n",
            MIB,
            RUNS));
    out.append("| row | Baton | floor | ratio to floor |\n|---|---|---|---|\n");
    row(out, "store on the first run (minus making the file)", store, sha, "sha256sum");
    row(out, "restore after the output was deleted (minus one-step run)", restore, cp, "cp");
    row(out, "re-run with nothing changed", rerun, one, "one-step pipeline");
    row(out, "hard links asked for: store", linkStore, sha, "sha256sum");
    row(out, "hard links asked for: restore", linkRestore, cp, "cp");
    row(out, "hard links asked for: re-run", linkRerun, one, "one-step pipeline");
    out.append(
        String.format(
            Locale.ROOT,
            "%nmaking the file (the step, cache off, whole run): %s s%n",
            range(make)));
    System.out.println(out);
    Files.writeString(
        Path.of("target/cache-benchmark.md"),
        out,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private Path workspace(String name, boolean cache) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("train.sh"), "cp ../src.bin out.bin\n");
    Files.writeString(
        dir.resolve("baton.yaml"),
        "version: 1\nname: checkpoint\nsteps:\n  train:\n    run: sh train.sh\n"
            + (cache ? "    cache: true\n    inputs: [train.sh]\n    outputs: [out.bin]\n" : ""));
    return dir;
  }

  private static void row(StringBuilder out, String name, double[] t, double[] floor, String f) {
    double[] ratio = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      ratio[i] = t[i] / floor[i];
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s: %s | %s |%n",
            name,
            range(t),
            f,
            range(floor),
            range(ratio)));
  }

  private static String range(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "%.2f – %.2f (%.2f)", s[0], s[s.length - 1], s[s.length / 2]);
  }

  private static double sh(Path dir, String script) throws Exception {
    return Timing.once(dir, List.of("sh", "-c", script));
  }

  private static final String LINKS = "-Dbaton.cache.link=hardlink";

  private static double baton(Path dir, String... javaOptions) throws Exception {
    Path repo = Path.of(System.getProperty("baton.repo", "..")).toAbsolutePath().normalize();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmn16m"));
    cmd.addAll(List.of(javaOptions));
    cmd.addAll(
        List.of(
            "-jar",
            repo.resolve("baton-cli/target/baton-cli.jar").toString(),
            "run",
            "baton.yaml",
            "--report-dir",
            "out",
            "--quiet-output"));
    return Timing.once(dir, cmd);
  }
}
