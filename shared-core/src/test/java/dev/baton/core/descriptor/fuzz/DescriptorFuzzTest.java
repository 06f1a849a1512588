package dev.baton.core.descriptor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.yaml.YamlTreeReader;
import dev.baton.core.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds shipped, extreme, mutated and random descriptors to the parser and the planner: every input
 * must plan or fail with descriptor errors that point into it, and none may hang. Failing inputs
 * are saved to {@code target/fuzz-failures/}.
 *
 * <p>This is the default build's run, and it is deterministic: a fixed seed and a fixed number of
 * mutated inputs, few enough to take seconds, so a failure here fails the same way on every machine
 * and no build fails by chance. The hang bound is so generous that a loaded machine cannot reach it
 * (a real hang never ends). {@link DescriptorFuzzLongTest} fuzzes for a time with a new seed each
 * run, outside the default build.
 */
class DescriptorFuzzTest {
  /** The seed of every plain build. */
  static final long DEFAULT_SEED = 20_261_206L;

  /** Mutated inputs of the plain build: about a second on a quiet two-core machine. */
  static final int DEFAULT_MUTATIONS = 500;

  /**
   * Every descriptor under {@code examples/}, {@code src-it/} and the test resources, and the
   * inputs that once failed ({@code src/test/resources/dev/baton/core/descriptor/fuzz/}).
   */
  @Test
  void shippedAndOnceFailingDescriptorsAnswerWithDescriptorErrorsOnly() throws Exception {
    List<String> corpus = FuzzInputs.corpus();
    assertThat(corpus)
        .as("descriptors under examples/ and the test fixtures")
        .hasSizeGreaterThan(5);
    try (FuzzRunner runner = new FuzzRunner()) {
      runner.runAll(FuzzInputs.regressions());
      runner.runAll(corpus);
      System.out.println("descriptor fuzz, shipped descriptors: " + runner.summary());
      assertThat(runner.failures).as(failures(runner)).isEmpty();
      assertThat(runner.planned).as("shipped descriptors that plan").isPositive();
    }
  }

  /** Nesting, graphs, matrices and sizes at and past every limit ({@link ExtremeInputs}). */
  @Test
  void extremeInputsAnswerWithDescriptorErrorsOnly() throws Exception {
    try (FuzzRunner runner = new FuzzRunner()) {
      runner.runAll(ExtremeInputs.all());
      System.out.println("descriptor fuzz, extreme inputs: " + runner.summary());
      assertThat(runner.failures).as(failures(runner)).isEmpty();
    }
  }

  @Test
  void mutatedInputsOfTheFixedSeedAnswerWithDescriptorErrorsOnly() throws Exception {
    try (FuzzRunner runner = new FuzzRunner()) {
      runner.mutate(DEFAULT_SEED, DEFAULT_MUTATIONS, Duration.ZERO);
      System.out.println("descriptor fuzz, seed " + DEFAULT_SEED + ": " + runner.summary());
      assertMutatedInputsPassed(runner, DEFAULT_SEED);
      assertThat(runner.mutated).isEqualTo(DEFAULT_MUTATIONS);
    }
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
    Path big =
        Files.writeString(
            dir.resolve("big.yaml"), "#" + "x".repeat(YamlTreeReader.MAX_BYTES) + "\n");
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', ':', ' ', (byte) 0xe9});
    List<Path> files =
        List.of(Path.of("/dev/zero"), Path.of("/dev/urandom"), fifo, dir, link, big, latin1);

    try (FuzzRunner runner = new FuzzRunner()) {
      for (Path file : files) {
        runner.runFile(file);
      }
      assertThat(runner.failures).as("files that were not refused as they should be").isEmpty();
    }
  }

  /**
   * No failures, and inputs of both kinds (a fuzzer that made only garbage or only valid files
   * would test little); a failure says how to make the same inputs again.
   */
  static void assertMutatedInputsPassed(FuzzRunner runner, long seed) {
    assertThat(runner.failures)
        .as(
            "%s; to make the same inputs again: -Dbaton.fuzz.seed=%d -Dbaton.fuzz.inputs=%d"
                + " (docs/testing.md)",
            failures(runner), seed, runner.mutated)
        .isEmpty();
    assertThat(runner.inputs).isGreaterThan(200);
    assertThat(runner.planned).isPositive().isLessThan(runner.inputs);
  }

  private static String failures(FuzzRunner runner) {
    return runner.summary() + "; failing inputs saved in " + FuzzRunner.FAILURES.toAbsolutePath();
  }
}
