package dev.baton.core.descriptor.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs inputs one at a time on a worker thread that a hang cannot take the test down with; it has
 * the default stack size, as the command line's threads do. Failing inputs are saved to {@code
 * target/fuzz-failures/}, one per kind of failure.
 */
final class FuzzRunner implements AutoCloseable {
  /** No input of at most 1 MiB takes this long unless it hangs; overridable for slow machines. */
  static final long HANG_MILLIS = Long.getLong("baton.fuzz.hangMillis", 60_000);

  static final Path FAILURES = Path.of("target", "fuzz-failures");

  /** After this many kinds of failure the fuzzer stops: the report is long enough. */
  private static final int MAX_FAILURE_KINDS = 20;

  final Map<String, String> failures = new LinkedHashMap<>();
  long inputs;

  /** Inputs the descriptor reader accepted, handled well (planned or refused by the planner). */
  long planned;

  long mutated;
  private long millis;
  private ExecutorService worker = newWorker();

  /**
   * Inputs made from {@code seed} out of the corpus, until {@code mutations} of them ran, {@code
   * budget} passed (zero: no time limit) or too many kinds of failure were found. The inputs depend
   * on the seed and the corpus only, so {@code seed} with {@code mutations} set to {@link #mutated}
   * repeats a run input for input.
   */
  void mutate(long seed, long mutations, Duration budget) throws Exception {
    long start = System.nanoTime();
    long budgetNanos = budget.toNanos();
    DescriptorMutator mutator = new DescriptorMutator(new Random(seed), FuzzInputs.corpus());
    while (mutated < mutations
        && (budgetNanos == 0 || System.nanoTime() - start < budgetNanos)
        && failures.size() < MAX_FAILURE_KINDS) {
      mutated++;
      run(mutator.next());
    }
    millis += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  void runAll(List<String> inputs) throws Exception {
    long start = System.nanoTime();
    for (String input : inputs) {
      run(input);
    }
    millis += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  void run(String input) throws Exception {
    DescriptorOracle.Answer answer =
        answer(
            () -> DescriptorOracle.check(input),
            () -> new DescriptorOracle.Answer(false, Optional.of(hang())));
    if (answer.problem().isEmpty()) {
      if (answer.read()) {
        planned++;
      }
      return;
    }
    String problem = answer.problem().get();
    String kind = kind(problem);
    if (!failures.containsKey(kind)) {
      failures.put(kind, save(input, problem).toString());
    }
  }

  /** Reads {@code file} as {@code baton check FILE} does: it must be refused, naming the file. */
  void runFile(Path file) throws Exception {
    answer(() -> DescriptorOracle.checkRefused(file), () -> Optional.of(hang()))
        .ifPresent(p -> failures.put(file.toString(), p));
  }

  /** What ran and how long it took, for the build log. */
  String summary() {
    return String.format(
        "%d inputs (%d planned, %d of them mutated) in %d ms", inputs, planned, mutated, millis);
  }

  private <T> T answer(Callable<T> check, Callable<T> onHang) throws Exception {
    inputs++;
    Future<T> result = worker.submit(check);
    try {
      return result.get(HANG_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      worker.shutdownNow(); // the stuck thread is a daemon; a fresh one carries on
      worker = newWorker();
      return onHang.call();
    }
  }

  private static String hang() {
    return "took longer than " + HANG_MILLIS + " ms (a hang)";
  }

  @Override
  public void close() {
    worker.shutdownNow();
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

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(null, r, "descriptor-fuzz", 0);
          t.setDaemon(true);
          return t;
        });
  }

  private static Path save(String input, String problem) throws IOException {
    Files.createDirectories(FAILURES);
    String name = "input-" + Integer.toHexString(input.hashCode());
    Files.writeString(FAILURES.resolve(name + ".yaml"), input, StandardCharsets.UTF_8);
    Files.writeString(FAILURES.resolve(name + ".txt"), problem, StandardCharsets.UTF_8);
    return FAILURES.resolve(name + ".yaml");
  }
}
