package dev.baton.core.descriptor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds mutated and random descriptors to the parser and the planner for a bounded time: every
 * input must plan or fail with descriptor errors that point into it, and none may take longer than
 * {@link #HANG}. Failing inputs are saved to {@code target/fuzz-failures/}.
 *
 * <p>{@code -Dbaton.fuzz.seconds=600} fuzzes longer; {@code -Dbaton.fuzz.seed=N} repeats a run.
 * Inputs that once failed live in {@code src/test/resources/dev/baton/core/descriptor/fuzz/} and
 * are replayed first.
 */
class DescriptorFuzzTest {
  private static final long HANG_MILLIS = 2_000;
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path FAILURES = Path.of("target", "fuzz-failures");
  private static final Path REGRESSIONS =
      Path.of("src", "test", "resources", "dev", "baton", "core", "descriptor", "fuzz");

  @Test
  void parserAndPlannerAnswerEveryInputWithDescriptorErrorsOnly() throws Exception {
    long seconds = Long.getLong("baton.fuzz.seconds", 20);
    long seed = Long.getLong("baton.fuzz.seed", System.nanoTime());
    List<String> corpus = corpus();
    assertThat(corpus)
        .as("descriptors under examples/ and the test fixtures")
        .hasSizeGreaterThan(5);

    Runner runner = new Runner();
    try {
      for (String input : regressions()) {
        runner.run(input);
      }
      for (String input : corpus) {
        runner.run(input);
      }
      DescriptorMutator mutator = new DescriptorMutator(new Random(seed), corpus);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline && runner.failures.size() < 20) {
        runner.run(mutator.next());
      }
    } finally {
      runner.close();
    }

    System.out.printf(
        "descriptor fuzz: %d inputs (%d planned) in %d s, seed %d%n",
        runner.inputs, runner.planned, seconds, seed);
    assertThat(runner.failures)
        .as(
            "seed %d, %d inputs (%d planned); failing inputs saved in %s",
            seed, runner.inputs, runner.planned, FAILURES.toAbsolutePath())
        .isEmpty();
    // A fuzzer that only ever produced garbage, or only valid files, would test little.
    assertThat(runner.inputs).isGreaterThan(200);
    assertThat(runner.planned).isPositive().isLessThan(runner.inputs);
  }

  /**
   * Runs inputs one at a time on a worker thread that a hang cannot take the test down with; it has
   * the default stack size, as the command line's threads do.
   */
  private static final class Runner {
    final Map<String, String> failures = new LinkedHashMap<>();
    long inputs;
    long planned;
    private ExecutorService worker = newWorker();

    void run(String input) throws Exception {
      inputs++;
      Future<Optional<String>> result = worker.submit(() -> DescriptorOracle.check(input));
      Optional<String> problem;
      try {
        problem = result.get(HANG_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        problem = slowOrHung(input, result);
      }
      if (problem.isEmpty()) {
        if (isPlan(input)) {
          planned++;
        }
        return;
      }
      String kind = kind(problem.get());
      if (!failures.containsKey(kind)) {
        failures.put(kind, save(input, problem.get()).toString());
      }
    }

    /**
     * A slow answer on a busy machine (a cold JIT, another build on the same cores) is not yet a
     * hang: the input counts as hung only when a second try, on a fresh thread, is slow as well.
     */
    private Optional<String> slowOrHung(String input, Future<Optional<String>> first)
        throws Exception {
      try {
        first.get(5 * HANG_MILLIS, TimeUnit.MILLISECONDS);
        Future<Optional<String>> again = worker.submit(() -> DescriptorOracle.check(input));
        return again.get(HANG_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        worker.shutdownNow(); // the stuck thread is a daemon; a fresh one carries on
        worker = newWorker();
        return Optional.of("took longer than " + HANG_MILLIS + " ms twice (a hang)");
      }
    }

    /** Failures of one cause share a kind: its first words, or the exception and its place. */
    private static String kind(String problem) {
      List<String> lines = problem.lines().limit(2).toList();
      String first = lines.get(0);
      int at = first.indexOf(DescriptorOracle.FILE.toString());
      if (at > 0) {
        return first.substring(0, at);
      }
      return lines.size() > 1 && first.startsWith("not a descriptor error")
          ? first.replaceAll("^(not a descriptor error: [\\w.$]+).*", "$1 ") + lines.get(1).strip()
          : first;
    }

    private static boolean isPlan(String input) {
      try {
        dev.baton.core.descriptor.DescriptorReader.parse(DescriptorOracle.FILE, input);
        return true;
      } catch (RuntimeException | StackOverflowError e) {
        return false;
      }
    }

    void close() {
      worker.shutdownNow();
    }

    private static ExecutorService newWorker() {
      return Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(null, r, "descriptor-fuzz", 0);
            t.setDaemon(true);
            return t;
          });
    }
  }

  private static Path save(String input, String problem) throws IOException {
    Files.createDirectories(FAILURES);
    String name = "input-" + Integer.toHexString(input.hashCode());
    Files.writeString(FAILURES.resolve(name + ".yaml"), input, StandardCharsets.UTF_8);
    Files.writeString(FAILURES.resolve(name + ".txt"), problem, StandardCharsets.UTF_8);
    return FAILURES.resolve(name + ".yaml");
  }

  /** Every descriptor the project ships or tests with. */
  private static List<String> corpus() throws IOException {
    List<String> all = new ArrayList<>();
    for (String dir :
        List.of("examples", "src-it/fixtures", "src-it/maven", "shared-core/src/test/resources")) {
      try (Stream<Path> files = Files.walk(REPO.resolve(dir))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (name.endsWith(".yaml") && !f.toString().contains("/target/")) {
            all.add(Files.readString(f, StandardCharsets.UTF_8));
          }
        }
      }
    }
    return all;
  }

  private static List<String> regressions() throws IOException {
    if (!Files.isDirectory(REGRESSIONS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(REGRESSIONS)) {
      List<String> all = new ArrayList<>();
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        all.add(Files.readString(f, StandardCharsets.UTF_8));
      }
      return all;
    }
  }
}
