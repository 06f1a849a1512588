package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.events.RunEvent;
import dev.baton.core.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs against the workspace lock: a second run in this JVM fails at once, and the lock is
 * released at the end. (Real {@code baton} processes, a holder killed with {@code kill -9} and
 * {@code baton step}: baton-cli's WorkspaceLockCliTest.)
 */
class WorkspaceLockRunTest {
  private static final String PIPELINE =
      "version: 1\n"
          + "name: held\n"
          + "steps:\n"
          + "  hold: {run: 'touch started; i=0; while [ ! -f release ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done'}\n";

  @TempDir Path workspace;

  @BeforeEach
  void writePipeline() throws IOException {
    Files.writeString(workspace.resolve("baton.yaml"), PIPELINE);
  }

  @AfterEach
  void releaseAndStop() throws IOException {
    Files.writeString(workspace.resolve("release"), "");
    // Steps outlive a killed Baton: wait until they have seen "release" and left the workspace,
    // before the directory goes.
    Path real = workspace.toRealPath();
    Await.until("no step runs in " + real, () -> !anyProcessWorksIn(real));
  }

  /** Whether a process of this machine has its working directory in {@code dir} (Linux /proc). */
  private static boolean anyProcessWorksIn(Path dir) {
    try (var pids = Files.list(Path.of("/proc"))) {
      return pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .anyMatch(
              p -> {
                try {
                  return Files.readSymbolicLink(p.resolve("cwd")).startsWith(dir);
                } catch (IOException | SecurityException e) {
                  return false; // gone meanwhile, or not ours to read
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aSecondRunInThisJvmFailsAtOnceNamingTheFirst() throws Exception {
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    BatonConfig config = BatonConfig.of(workspace.resolve("baton.yaml"));
    CompletableFuture<RunOutcome> first =
        CompletableFuture.supplyAsync(() -> new Baton(events::add, env()).run(config));
    awaitFile(workspace.resolve("started"));
    String firstRun = runId(events);

    long before = System.nanoTime();
    assertThatThrownBy(() -> new Baton(e -> {}, env()).run(config))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining(
            "locked by run " + firstRun + " (pid " + ProcessHandle.current().pid() + ", since ");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(5_000);

    Files.writeString(workspace.resolve("release"), "");
    assertThat(first.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    // Released at the end: the next run goes ahead.
    Files.delete(workspace.resolve("started"));
    assertThat(new Baton(e -> {}, env()).run(config).succeeded()).isTrue();
  }

  private static String runId(List<RunEvent> events) {
    return events.stream()
        .filter(RunEvent.RunStarted.class::isInstance)
        .map(e -> ((RunEvent.RunStarted) e).runId())
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> env() {
    return System.getenv();
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " did not appear within 60 s");
      }
      Thread.sleep(20);
    }
  }
}
