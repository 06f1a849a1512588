package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.events.RunEvent;
import dev.baton.core.testing.Await;
import dev.baton.core.testing.BatonProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Whole runs against the workspace lock: a second run in this JVM and in a second real {@code
 * baton} process, a holder killed with {@code kill -9}, and {@code baton step}, which takes no
 * lock.
 */
class WorkspaceLockRunTest {
  private static final String PIPELINE =
      "version: 1\n"
          + "name: held\n"
          + "steps:\n"
          + "  hold: {run: 'touch started; i=0; while [ ! -f release ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done'}\n";

  @TempDir Path workspace;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void writePipeline() throws IOException {
    Files.writeString(workspace.resolve("baton.yaml"), PIPELINE);
  }

  @AfterEach
  void releaseAndStop() throws IOException {
    Files.writeString(workspace.resolve("release"), "");
    started.forEach(Process::destroyForcibly);
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
    assertThat(first.get(60, TimeUnit.SECONDS).exitCode()).isZero();
    // Released at the end: the next run goes ahead.
    Files.delete(workspace.resolve("started"));
    assertThat(new Baton(e -> {}, env()).run(config).exitCode()).isZero();
  }

  @Test
  void aSecondBatonProcessFailsWithExit3AndAKilledHoldersLockIsBroken() throws Exception {
    Process holder = baton(workspace.resolve("holder.txt"), "run", "baton.yaml");
    awaitFile(workspace.resolve("started"));

    Process second = baton(workspace.resolve("second.txt"), "run", "baton.yaml");
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String secondOutput = read("second.txt");
    assertThat(second.exitValue()).as(secondOutput).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(secondOutput)
        .contains("baton: error: the workspace is locked by run ")
        .contains("(pid " + holder.pid() + ", since ")
        .contains("kill " + holder.pid())
        .doesNotContain("Exception");
    String holderRun = lockedRun(secondOutput);

    // kill -9: no chance to clean up; the kernel drops the OS lock, the file still names it.
    holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(workspace.resolve(WorkspaceLock.FILE)).content().contains("run=" + holderRun);
    Files.writeString(workspace.resolve("release"), "");

    Process third = baton(workspace.resolve("third.txt"), "run", "baton.yaml");
    assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String thirdOutput = read("third.txt");
    assertThat(third.exitValue()).as(thirdOutput).isZero();
    assertThat(thirdOutput)
        .contains("broke the stale workspace lock")
        .contains("of run " + holderRun + " (pid " + holder.pid());
  }

  @Test
  void batonStepTakesNoLockSoParallelStepsOfOneWorkspaceRun() throws Exception {
    Process holder = baton(workspace.resolve("holder.txt"), "run", "baton.yaml");
    awaitFile(workspace.resolve("started"));
    Files.writeString(
        workspace.resolve("step.yaml"),
        "version: 1\nname: side\nsteps:\n  side: {run: 'touch side-ran'}\n");
    Process step =
        baton(workspace.resolve("step.txt"), "step", "step.yaml", "side", "--report-dir", "s");
    assertThat(step.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(step.exitValue()).as(read("step.txt")).isZero();
    assertThat(workspace.resolve("side-ran")).exists();
    assertThat(holder.isAlive()).isTrue();
  }

  private Process baton(Path output, String... args) throws IOException {
    Process p = BatonProcess.start(workspace, output, BatonProcess.command(args));
    started.add(p);
    return p;
  }

  private String read(String name) throws IOException {
    return Files.readString(workspace.resolve(name), StandardCharsets.UTF_8);
  }

  private static String lockedRun(String output) {
    String marker = "locked by run ";
    int at = output.indexOf(marker) + marker.length();
    return output.substring(at, output.indexOf(' ', at));
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
