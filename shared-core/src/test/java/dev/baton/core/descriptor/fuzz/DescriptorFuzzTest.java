package dev.baton.core.descriptor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.testing.RequiredTool;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds mutated and random descriptors to the parser and the planner: every input must plan or fail
 * with descriptor errors that point into it, and none may hang. Failing inputs are saved to {@code
 * target/fuzz-failures/}.
 *
 * <p>A plain build is deterministic: a fixed seed and a fixed number of inputs, and a hang bound so
 * generous that a loaded machine cannot reach it (a real hang never ends). {@code
 * -Dbaton.fuzz.seed=N} picks another seed ({@code random}: a new one each run, printed); {@code
 * -Dbaton.fuzz.inputs=N} tries more inputs; {@code -Dbaton.fuzz.seconds=600} fuzzes for a time
 * instead. Inputs that once failed live in {@code
 * src/test/resources/dev/baton/core/descriptor/fuzz/} and are replayed first.
 */
class DescriptorFuzzTest {
  /** The seed of every plain build, so a failure there fails the same way on every machine. */
  static final long DEFAULT_SEED = 20_261_206L;

  static final int DEFAULT_INPUTS = 2_000;

  /** No input of at most 1 MiB takes this long unless it hangs; overridable for slow machines. */
  private static final long HANG_MILLIS = Long.getLong("baton.fuzz.hangMillis", 60_000);

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path FAILURES = Path.of("target", "fuzz-failures");
  private static final Path REGRESSIONS =
      Path.of("src", "test", "resources", "dev", "baton", "core", "descriptor", "fuzz");

  @Test
  void parserAndPlannerAnswerEveryInputWithDescriptorErrorsOnly() throws Exception {
    long seconds = Long.getLong("baton.fuzz.seconds", 0);
    long budget = Long.getLong("baton.fuzz.inputs", seconds > 0 ? Long.MAX_VALUE : DEFAULT_INPUTS);
    String seedProperty = System.getProperty("baton.fuzz.seed", String.valueOf(DEFAULT_SEED));
    long seed =
        seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty.strip());
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
      for (String input : ExtremeInputs.all()) {
        runner.run(input);
      }
      DescriptorMutator mutator = new DescriptorMutator(new Random(seed), corpus);
      long deadline =
          seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
      for (long n = 0;
          n < budget && System.nanoTime() < deadline && runner.failures.size() < 20;
          n++) {
        runner.run(mutator.next());
      }
    } finally {
      runner.close();
    }

    System.out.printf(
        "descriptor fuzz: %d inputs (%d planned), seed %d%n", runner.inputs, runner.planned, seed);
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
   * What a user can pass as a descriptor that is not text of a sensible size: devices that never
   * end, a FIFO no one writes to, a directory, a link to a device, files past the size limit and
   * not UTF-8. Each is refused at once with a descriptor error that names the file.
   */
  @Test
  void specialAndOversizedFilesAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("fifo.yaml");
    boolean made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    RequiredTool.require(made, "mkfifo could not make a FIFO");
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), Path.of("/dev/zero"));
    Path big = Files.writeString(dir.resolve("big.yaml"), "#" + "x".repeat(1 << 20) + "\n");
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', ':', ' ', (byte) 0xe9});
    List<Path> files =
        List.of(Path.of("/dev/zero"), Path.of("/dev/urandom"), fifo, dir, link, big, latin1);

    Runner runner = new Runner();
    try {
      for (Path file : files) {
        runner.runFile(file);
      }
    } finally {
      runner.close();
    }
    assertThat(runner.failures).as("files that were not refused as they should be").isEmpty();
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
        worker.shutdownNow(); // the stuck thread is a daemon; a fresh one carries on
        worker = newWorker();
        problem = Optional.of("took longer than " + HANG_MILLIS + " ms (a hang)");
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

    /** Reads {@code file} as {@code baton check FILE} does: it must be refused, naming the file. */
    void runFile(Path file) throws Exception {
      inputs++;
      Future<Optional<String>> result = worker.submit(() -> DescriptorOracle.checkRefused(file));
      Optional<String> problem;
      try {
        problem = result.get(HANG_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        worker.shutdownNow();
        worker = newWorker();
        problem = Optional.of("took longer than " + HANG_MILLIS + " ms (a hang)");
      }
      problem.ifPresent(p -> failures.put(file.toString(), p));
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
        DescriptorReader.parse(DescriptorOracle.FILE, input);
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
