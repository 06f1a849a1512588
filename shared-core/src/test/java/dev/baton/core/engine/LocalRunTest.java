package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.api.Baton;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.errors.UsageException;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunTest {
  @TempDir Path dir;

  @Test
  void runsStepsInDependencyOrderAndWritesReports() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: order
        steps:
          a: {run: echo a >> order.txt}
          b: {needs: [a], run: echo b >> order.txt}
          c: {needs: [a], run: echo c >> order.txt}
          d: {needs: [b, c], run: echo d >> order.txt}
        """);
    RunOutcome out = f.run();
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    List<String> order = Files.readAllLines(dir.resolve("order.txt"));
    assertThat(order.get(0)).isEqualTo("a");
    assertThat(order.get(3)).isEqualTo("d");
    assertThat(out.reportDir().resolve("run.json")).exists();
    assertThat(out.reportDir().resolve("junit.xml")).exists();
    assertThat(out.reportDir().resolve("summary.md")).exists();
  }

  @Test
  void timeoutKillsTheWholeProcessGroupAndIsNotAFailure() throws Exception {
    Path pids = dir.resolve("pids");
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: timeout
        steps:
          slow:
            timeout: 2s
            run: sh -c 'sleep 1000 & echo $! > pids; sleep 1000 & echo $! >> pids; wait'
        """);
    long start = System.nanoTime();
    RunOutcome out = f.run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(PipelineFixture.step(out, "slow").status()).isEqualTo(StepState.TIMED_OUT);
    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    // The log holds what the step printed, not the shell that watched it ("Terminated").
    assertThat(f.log(out, "slow")).doesNotContain("Terminated");
    for (String pid : Files.readAllLines(pids)) {
      long p = Long.parseLong(pid.strip());
      waitUntilGone(p);
      assertThat(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
          .as("process %s left behind", p)
          .isFalse();
    }
  }

  @Test
  void stepThatBackgroundsAProcessFinishesAtOnce() throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: background
        steps:
          server: {run: 'sleep 30 & echo $! > bg.pid; echo started'}
        """);
    long start = System.nanoTime();
    RunOutcome out = f.run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(PipelineFixture.step(out, "server").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("bg.pid")).strip()))
        .ifPresent(ProcessHandle::destroyForcibly);
  }

  @Test
  void parameterValuesReachTheProcessAsOneLiteralArgument() throws IOException {
    Path pwned = dir.resolve("pwned");
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: injection
        params:
          value: safe
        steps:
          echo: {run: "printf '%s\\\\n' ${{ params.value }} > out.txt"}
        """);
    String nasty = "x; touch " + pwned + " #";
    RunOutcome out = f.run(f.config().toBuilder().params(Map.of("value", nasty)).build());
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo(nasty + "\n");
    assertThat(pwned).doesNotExist();
    RunOutcome out2 = f.run(f.config().toBuilder().params(Map.of("value", "$(id)")).build());
    assertThat(out2.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("$(id)\n");
  }

  @Test
  void exitCodesAndSignalsAreRecorded() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: codes
        steps:
          three: {run: exit 3}
          killed: {run: 'kill -9 $$'}
          missing: {run: [no-such-program-xyz, --flag]}
          missing-in-shell: {run: no-such-program-xyz --flag}
        """);
    RunOutcome out = f.run();
    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
    assertThat(lastAttempt(out, "three").exitCode()).isEqualTo(3);
    assertThat(lastAttempt(out, "killed").exitCode()).isEqualTo(137);
    assertThat(PipelineFixture.step(out, "killed").message()).contains("signal 9");
    assertThat(PipelineFixture.step(out, "missing").message())
        .contains("no-such-program-xyz")
        .contains("not found");
    assertThat(PipelineFixture.step(out, "missing-in-shell").message())
        .contains("no-such-program-xyz");
  }

  @Test
  void retriesOnlyListedExitCodesWithEveryAttemptRecorded() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: retry
        steps:
          flaky:
            run: '[ "$BATON_ATTEMPT" -ge 3 ] || exit 75'
            retry: {limit: 3, backoff: {duration: 10ms}, on: {exitCodes: [75]}}
          broken:
            run: exit 2
            retry: {limit: 3, backoff: {duration: 10ms}, on: {exitCodes: [75]}}
        """);
    RunOutcome out = f.run();
    assertThat(PipelineFixture.step(out, "flaky").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(PipelineFixture.step(out, "flaky").attempts())
        .extracting(AttemptRecord::exitCode)
        .containsExactly(75, 75, 0);
    assertThat(PipelineFixture.step(out, "broken").attempts()).hasSize(1);
  }

  @Test
  void failedStepSkipsItsDependentsButNotIndependentSteps() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: skip
        steps:
          bad: {run: exit 1}
          after: {needs: [bad], run: 'true'}
          later: {needs: [after], run: 'true'}
          other: {run: 'true'}
          allowed: {run: exit 1, continueOnError: true}
          afterAllowed: {needs: [allowed], run: 'true'}
        """);
    RunOutcome out = f.run();
    assertThat(PipelineFixture.step(out, "after").status()).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "later").status()).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "other").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(PipelineFixture.step(out, "afterAllowed").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void continueOnErrorAloneKeepsTheRunGreen() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: allowed
        steps:
          allowed: {run: exit 1, continueOnError: true}
        """);
    assertThat(f.run().record().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void whenFalseSkipsTheStepAndTheRunStillSucceeds() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: when
        params: {branch: feature}
        steps:
          release: {when: "${{ params.branch == 'main' }}", run: exit 1}
          build: {run: 'true'}
        """);
    RunOutcome out = f.run();
    assertThat(PipelineFixture.step(out, "release").status()).isEqualTo(StepState.SKIPPED);
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void failFastCancelsRunningSteps() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: failfast
        steps:
          bad: {run: 'sleep 0.3; exit 1'}
          long: {run: sleep 30}
        """);
    long start = System.nanoTime();
    RunOutcome out = f.run(f.config().toBuilder().failFast(true).build());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    assertThat(PipelineFixture.step(out, "long").status()).isEqualTo(StepState.CANCELLED);
  }

  @Test
  void cancelStopsStepsAndStillWritesReports() throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: cancel
        steps:
          long: {run: 'touch running; sleep 30'}
          next: {needs: [long], run: 'true'}
        """);
    Baton baton = new Baton(f.events::add);
    // The cancel comes once the step's command runs, however slow the machine: not after a guess.
    CompletableFuture<Void> canceller =
        CompletableFuture.runAsync(
            () -> {
              awaitFile(dir.resolve("running"));
              baton.cancel();
            });
    RunOutcome out = baton.run(f.config());
    canceller.get(10, TimeUnit.SECONDS);
    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(PipelineFixture.step(out, "long").status()).isEqualTo(StepState.CANCELLED);
    assertThat(PipelineFixture.step(out, "long").attempts()).as("long had started").isNotEmpty();
    assertThat(PipelineFixture.step(out, "next").status()).isEqualTo(StepState.CANCELLED);
    assertThat(out.reportDir().resolve("run.json")).exists();
  }

  private static void awaitFile(Path file) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " did not appear within 60 s");
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  private static AttemptRecord lastAttempt(RunOutcome out, String id) {
    List<AttemptRecord> a = PipelineFixture.step(out, id).attempts();
    return a.get(a.size() - 1);
  }

  @Test
  void aMisspeltLauncherFailsTheRunBeforeAnythingIsWritten() {
    PipelineFixture f =
        new PipelineFixture(dir, "version: 1\nname: launcher\nsteps:\n  a: {run: 'true'}\n");
    System.setProperty("baton.launcher", "spwan");
    try {
      assertThatThrownBy(f::run)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining(
              "unknown launcher 'spwan' in the Java system property baton.launcher");
    } finally {
      System.clearProperty("baton.launcher");
    }
    assertThat(dir.resolve("report")).doesNotExist();
    assertThat(dir.resolve(".baton/runs")).doesNotExist();
  }

  private static void waitUntilGone(long pid) throws InterruptedException {
    for (int i = 0;
        i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        i++) {
      Thread.sleep(100);
    }
  }
}
