package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real {@code baton} processes on one machine share its GPUs and concurrency groups through
 * the lease directory ({@code BATON_LEASE_DIR}, a fresh one per test). The GPUs are those of a
 * simulated agent that every descriptor names the same, so they are leased under the same keys.
 * What must never happen is read from the run.json files: two attempts on the same GPU, or in the
 * same group of limit 1, at overlapping times.
 */
class SharedMachineEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AGENT =
      """
      agents:
        - {name: shared, labels: [gpu], gpus: 4, simulated: true}
      """;

  @TempDir Path tmp;
  private Map<String, String> env;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void ownLeaseDirectory() {
    env = Map.of("BATON_LEASE_DIR", tmp.resolve("leases").toString());
  }

  @AfterEach
  void stopLeftovers() throws IOException {
    for (Process p : started) {
      p.destroyForcibly();
    }
    // Orphaned steps of a killed Baton wait for this file; let them end.
    Files.writeString(tmp.resolve("release"), "");
  }

  @Test
  void twoRunsOfFourOneGpuStepsStartedTogetherShareTheGpusWithoutOverlap() throws Exception {
    StringBuilder steps = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      steps.append("  s").append(i).append(": {agent: {gpus: 1}, run: 'sleep 2'}\n");
    }
    Path a = pipeline("a", "one-gpu-a", steps.toString());
    Path b = pipeline("b", "one-gpu-b", steps.toString());

    long t0 = System.nanoTime();
    Process pa = start(a, "run", "baton.yaml", "--report-dir", "out");
    Process pb = start(b, "run", "baton.yaml", "--report-dir", "out");
    finish(pa, a);
    finish(pb, b);
    double wall = (System.nanoTime() - t0) / 1e9;

    List<JsonNode> attempts = new ArrayList<>(attempts(a));
    attempts.addAll(attempts(b));
    assertThat(attempts).hasSize(8).allSatisfy(x -> assertThat(x.get("gpus")).hasSize(1));
    assertThat(sharedGpus(attempts)).isEmpty();
    System.out.printf(
        "[shared machine] two runs x 4 one-GPU steps of 2 s on 4 GPUs: %.1f s wall (JVM starts"
            + " included; 4 s of GPU work per GPU)%n",
        wall);
    assertThat(wall).as("both runs finish (a loose bound: this machine is shared)").isLessThan(60);
  }

  @Test
  void threeRunsAskingForAllFourGpusNeverOverlap() throws Exception {
    // Each step, once it holds the GPUs, waits until the other two runs have tried to start theirs
    // (their consoles say they wait, or that their step succeeded): all three contend.
    List<String> names = List.of("x", "y", "z");
    List<Path> dirs = new ArrayList<>();
    List<Process> procs = new ArrayList<>();
    for (String name : names) {
      StringBuilder others = new StringBuilder();
      for (String o : names) {
        if (!o.equals(name)) {
          others.append(" '").append(tmp.resolve(o).resolve("console.txt")).append("'");
        }
      }
      Path dir =
          pipeline(
              name,
              "all-" + name,
              "  all:\n"
                  + "    agent: {gpus: 4}\n"
                  + "    run: >-\n"
                  + "      n=0; for f in"
                  + others
                  + "; do\n"
                  + "      until grep -q -e 'waiting for 4 GPUs' -e 'SUCCEEDED' \"$f\" 2>/dev/null;"
                  + " do\n"
                  + "      [ $n -lt 2400 ] || exit 1; sleep 0.05; n=$((n+1)); done; done\n");
      dirs.add(dir);
    }
    for (Path dir : dirs) {
      procs.add(start(dir, "run", "baton.yaml", "--report-dir", "out"));
    }
    List<JsonNode> attempts = new ArrayList<>();
    for (int i = 0; i < dirs.size(); i++) {
      finish(procs.get(i), dirs.get(i));
      attempts.addAll(attempts(dirs.get(i)));
    }
    assertThat(attempts).hasSize(3).allSatisfy(x -> assertThat(x.get("gpus")).hasSize(4));
    assertThat(overlapping(attempts)).as("attempts that overlapped in time").isEmpty();
    List<Long> waits = attempts.stream().map(x -> x.get("leaseWaitMillis").asLong()).toList();
    System.out.println("[shared machine] lease waits of three 4-GPU runs (ms): " + waits);
    assertThat(waits.stream().filter(w -> w > 0))
        .as("runs that waited")
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aStepOrphanedByKillMinus9KeepsItsGpusUntilItEndsThenTheWaitingRunStarts() throws Exception {
    Path release = tmp.resolve("release");
    Path a =
        pipeline(
            "a",
            "orphan",
            "  hold:\n"
                + "    agent: {gpus: 2}\n"
                + "    run: >-\n"
                + "      echo $CUDA_VISIBLE_DEVICES > gpus.txt; touch running;\n"
                + "      n=0; while [ ! -e '"
                + release
                + "' ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n+1)); done;\n"
                + "      date +%s%N > ended-ns\n");
    Path b =
        pipeline(
            "b", "after-orphan", "  all: {agent: {gpus: 4}, run: 'echo $CUDA_VISIBLE_DEVICES'}\n");

    Process baton = start(a, "run", "baton.yaml", "--report-dir", "out");
    awaitFile(a.resolve("running"), baton, a);
    assertThat(Files.readString(a.resolve("gpus.txt")).strip()).isEqualTo("0,1");
    String runA = runId(a);
    baton.destroyForcibly(); // kill -9: the step, in its own session, runs on
    assertThat(baton.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(baton.exitValue()).isEqualTo(137);

    CliRun agents = CliRun.run(a, env, "agents");
    assertThat(agents.exitCode).as(agents.toString()).isZero();
    assertThat(agents.output).containsPattern("held by run " + Pattern.quote(runA) + ", step hold");

    Process waiting = start(b, "run", "baton.yaml", "--report-dir", "out");
    String line = awaitConsole(b, waiting, "waiting for 4 GPUs");
    assertThat(line).contains("waiting for 4 GPUs on shared: 0,1 held by run " + runA + " (pid ");
    assertThat(a.resolve("ended-ns")).doesNotExist();

    Files.writeString(release, "");
    finish(waiting, b);

    Instant orphanEnded = nanosInstant(Files.readString(a.resolve("ended-ns")).strip());
    JsonNode attempt = attempts(b).get(0);
    Instant bStarted = Instant.parse(attempt.get("startedAt").asText());
    long afterMillis = bStarted.toEpochMilli() - orphanEnded.toEpochMilli();
    System.out.printf(
        "[shared machine] the waiting run started %d ms after the orphaned step ended"
            + " (it waited %d ms in all)%n",
        afterMillis, attempt.get("leaseWaitMillis").asLong());
    assertThat(afterMillis).as("started after the orphan ended").isGreaterThanOrEqualTo(0);
    assertThat(afterMillis)
        .as("and soon after (1 s promised; loose for a loaded machine)")
        .isLessThan(3000);
    assertThat(attempt.get("leaseWaitMillis").asLong()).isPositive();
    assertThat(attempt.get("gpus")).hasSize(4);
  }

  @Test
  void aMachineWideGroupOfLimitOneHasOneHolderAcrossTwoRuns() throws Exception {
    String steps =
        "  d1: {concurrency: {group: db, limit: 1}, run: 'sleep 1'}\n"
            + "  d2: {concurrency: {group: db, limit: 1}, run: 'sleep 1'}\n";
    Path a = pipeline("a", "db-a", steps);
    Path b = pipeline("b", "db-b", steps);
    Process pa = start(a, "run", "baton.yaml", "--report-dir", "out");
    Process pb = start(b, "run", "baton.yaml", "--report-dir", "out");
    finish(pa, a);
    finish(pb, b);

    List<JsonNode> attempts = new ArrayList<>(attempts(a));
    attempts.addAll(attempts(b));
    assertThat(attempts).hasSize(4);
    assertThat(overlapping(attempts)).as("two holders of db at once").isEmpty();
  }

  @Test
  void aGroupScopedToTheRunLetsTwoRunsHoldItAtOnce() throws Exception {
    // Each step waits until the other run's step has started: both succeed only if they overlap.
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    pipeline("a", "db-run-a", handshake(a, b));
    pipeline("b", "db-run-b", handshake(b, a));
    Process pa = start(a, "run", "baton.yaml", "--report-dir", "out");
    Process pb = start(b, "run", "baton.yaml", "--report-dir", "out");
    finish(pa, a);
    finish(pb, b);
  }

  private static String handshake(Path mine, Path other) {
    return "  d:\n"
        + "    concurrency: {group: db, limit: 1, scope: run}\n"
        + "    run: >-\n"
        + "      touch '"
        + mine.resolve("in")
        + "'; n=0; while [ ! -e '"
        + other.resolve("in")
        + "' ]; do [ $n -lt 1200 ] || exit 1; sleep 0.05; n=$((n+1)); done\n";
  }

  // --- helpers ---

  private Path pipeline(String dir, String name, String steps) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(dir));
    Files.writeString(
        d.resolve("baton.yaml"), "version: 1\nname: " + name + "\n" + AGENT + "steps:\n" + steps);
    return d;
  }

  private Process start(Path dir, String... args) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(CliRun.command(args))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console.txt").toFile());
    pb.environment().put("CI", "true");
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private static void finish(Process p, Path dir) throws Exception {
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("baton in " + dir + " did not finish:\n" + console(dir));
    }
    assertThat(p.exitValue()).as(console(dir)).isZero();
  }

  private static String console(Path dir) throws IOException {
    Path f = dir.resolve("console.txt");
    return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
  }

  /** Waits for a line of the console containing {@code text}, while {@code p} runs. */
  private static String awaitConsole(Path dir, Process p, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      for (String line : console(dir).split("\n")) {
        if (line.contains(text)) {
          return line;
        }
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' in the console:\n" + console(dir));
  }

  private static void awaitFile(Path file, Process p, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.exists(file) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(file).as(console(dir)).exists();
  }

  /** The run id the console announced. */
  private static String runId(Path dir) throws Exception {
    Matcher m = Pattern.compile("\\b(\\d{8}-\\d{4,6}-[0-9a-z]+)\\b").matcher(console(dir));
    assertThat(m.find()).as("a run id in:\n" + console(dir)).isTrue();
    return m.group(1);
  }

  private static List<JsonNode> attempts(Path dir) throws IOException {
    JsonNode run = JSON.readTree(dir.resolve("out/run.json").toFile());
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode s : run.get("steps")) {
      s.get("attempts").forEach(out::add);
    }
    return out;
  }

  /** "agent GPU n" for each pair of attempts that held GPU n of one agent at overlapping times. */
  private static List<String> sharedGpus(List<JsonNode> attempts) {
    List<String> clashes = new ArrayList<>();
    for (int i = 0; i < attempts.size(); i++) {
      for (int j = i + 1; j < attempts.size(); j++) {
        JsonNode x = attempts.get(i);
        JsonNode y = attempts.get(j);
        if (!x.get("agent").asText().equals(y.get("agent").asText()) || !overlap(x, y)) {
          continue;
        }
        for (JsonNode g : x.get("gpus")) {
          for (JsonNode h : y.get("gpus")) {
            if (g.asInt() == h.asInt()) {
              clashes.add(x.get("agent").asText() + " GPU " + g.asInt() + ": " + x + " and " + y);
            }
          }
        }
      }
    }
    return clashes;
  }

  /** Each pair of attempts whose [startedAt, endedAt] intervals overlap. */
  private static List<String> overlapping(List<JsonNode> attempts) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < attempts.size(); i++) {
      for (int j = i + 1; j < attempts.size(); j++) {
        if (overlap(attempts.get(i), attempts.get(j))) {
          out.add(attempts.get(i) + " and " + attempts.get(j));
        }
      }
    }
    return out;
  }

  private static boolean overlap(JsonNode x, JsonNode y) {
    Instant xs = Instant.parse(x.get("startedAt").asText());
    Instant xe = Instant.parse(x.get("endedAt").asText());
    Instant ys = Instant.parse(y.get("startedAt").asText());
    Instant ye = Instant.parse(y.get("endedAt").asText());
    return xs.isBefore(ye) && ys.isBefore(xe);
  }

  private static Instant nanosInstant(String epochNanos) {
    long n = Long.parseLong(epochNanos);
    return Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L);
  }
}
