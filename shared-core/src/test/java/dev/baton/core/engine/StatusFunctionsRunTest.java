package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status functions of {@code when}, run for real: {@code failure()} sees failures above the
 * step, directly or not; a skip is no failure; {@code cancelled()} and {@code always()} steps run
 * after a cancel or the run's timeout; a second stop stops them too.
 */
class StatusFunctionsRunTest {
  @TempDir Path dir;

  private static StepState state(RunOutcome out, String id) {
    return PipelineFixture.step(out, id).status();
  }

  @Test
  void aFailureStepRunsAfterANeedFailedAndReadsWhichOneFromTheResults() throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fails
            steps:
              a: {run: exit 3}
              b: {run: 'true'}
              later: {needs: [a], run: touch later-ran}
              notify:
                needs: [a, b]
                when: ${{ failure() }}
                run: echo "a=${{ needs.a.result }} b=${{ needs.b.result }}" > notify.txt
              onSuccess:
                needs: [a, b]
                when: ${{ success() }}
                run: touch success-ran
            """);

    RunOutcome out = f.run();

    assertThat(state(out, "notify")).isEqualTo(StepState.SUCCEEDED);
    assertThat(Files.readString(dir.resolve("notify.txt"))).isEqualTo("a=failure b=success\n");
    assertThat(state(out, "later")).isEqualTo(StepState.SKIPPED);
    assertThat(state(out, "onSuccess")).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "onSuccess").message())
        .isEqualTo("when: ${{ success() }} is false");
    // The cleanup step succeeding does not hide what failed.
    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void failureSeesAFailureAboveASkippedNeedAndAlwaysCombinesWithResults() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: transitive
            steps:
              a: {run: exit 1}
              b: {needs: [a], run: 'true'}
              c:
                needs: [b]
                when: ${{ failure() }}
                run: 'true'
              d:
                needs: [b]
                when: ${{ always() && needs.b.result == 'skipped' }}
                run: 'true'
              e:
                needs: [b]
                when: ${{ failure() && needs.b.result == 'failure' }}
                run: 'true'
            """);

    RunOutcome out = f.run();

    assertThat(state(out, "b")).isEqualTo(StepState.SKIPPED);
    assertThat(state(out, "c")).isEqualTo(StepState.SUCCEEDED);
    assertThat(state(out, "d")).isEqualTo(StepState.SUCCEEDED);
    assertThat(state(out, "e")).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "e").message())
        .isEqualTo("when: ${{ failure() && needs.b.result == 'failure' }} is false");
  }

  @Test
  void aSkipIsNoFailureButNoSuccessEither() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: skips
            steps:
              a: {run: 'true'}
              x: {needs: [a], when: "${{ needs.a.result == 'failure' }}", run: 'true'}
              onFailure: {needs: [x], when: "${{ failure() }}", run: 'true'}
              notSuccess: {needs: [x], when: "${{ !success() }}", run: 'true'}
              plain: {needs: [x], run: 'true'}
            """);

    RunOutcome out = f.run();

    assertThat(state(out, "x")).isEqualTo(StepState.SKIPPED);
    assertThat(state(out, "onFailure")).isEqualTo(StepState.SKIPPED);
    assertThat(state(out, "notSuccess")).isEqualTo(StepState.SUCCEEDED);
    assertThat(state(out, "plain")).isEqualTo(StepState.SKIPPED);
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aStepAfterACleanupStepStillNeedsEverythingAboveToHaveSucceeded() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: chain
            steps:
              a: {run: exit 1}
              cleanup: {needs: [a], when: "${{ always() }}", run: 'true'}
              after: {needs: [cleanup], run: 'true'}
              afterAnyway: {needs: [cleanup], when: "${{ always() }}", run: 'true'}
            """);

    RunOutcome out = f.run();

    assertThat(state(out, "cleanup")).isEqualTo(StepState.SUCCEEDED);
    assertThat(state(out, "after")).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "after").message())
        .isEqualTo("needs a (through cleanup), which ended FAILED");
    assertThat(state(out, "afterAnyway")).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void aCancelRunsCancelledAndAlwaysStepsButNotFailureOrPlainOnes() throws Exception {
    String yaml =
        """
        version: 1
        name: cancel
        steps:
          slow: {run: sleep 30}
          plain: {needs: [slow], run: touch plain-ran}
          onCancel: {needs: [slow], when: "${{ cancelled() }}", run: touch cancel-ran}
          onFailure: {needs: [slow], when: "${{ failure() }}", run: touch failure-ran}
          always: {needs: [slow], when: "${{ always() }}", run: 'echo "${{ needs.slow.result }}" > always.txt'}
        """;
    Running run = Running.start(new PipelineFixture(dir, yaml));
    run.await(started("slow"));

    run.baton.cancel();
    RunOutcome out = run.outcome();

    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(state(out, "slow")).isEqualTo(StepState.CANCELLED);
    assertThat(state(out, "plain")).isEqualTo(StepState.CANCELLED);
    assertThat(state(out, "onCancel")).isEqualTo(StepState.SUCCEEDED);
    assertThat(state(out, "onFailure")).isEqualTo(StepState.SKIPPED);
    assertThat(state(out, "always")).isEqualTo(StepState.SUCCEEDED);
    assertThat(Files.readString(dir.resolve("always.txt"))).isEqualTo("cancelled\n");
    assertThat(dir.resolve("plain-ran")).doesNotExist();
  }

  @Test
  void aRunningCleanupStepGoesOnAfterACancel() throws Exception {
    String yaml =
        """
        version: 1
        name: goes-on
        steps:
          a: {run: 'true'}
          slow: {run: sleep 30}
          cleanup:
            needs: [a]
            when: ${{ always() }}
            run: while [ ! -f go ]; do sleep 0.05; done; touch cleaned
        """;
    Running run = Running.start(new PipelineFixture(dir, yaml));
    run.await(started("cleanup"));
    run.await(started("slow"));

    run.baton.cancel();
    run.await(finished("slow"));
    Files.createFile(dir.resolve("go"));
    RunOutcome out = run.outcome();

    assertThat(state(out, "cleanup")).isEqualTo(StepState.SUCCEEDED);
    assertThat(dir.resolve("cleaned")).exists();
    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void aSecondStopStopsTheCleanupStepsAndTheRunEndsCancelled() throws Exception {
    String yaml =
        """
        version: 1
        name: stop-now
        steps:
          slow: {run: sleep 30}
          cleanup: {needs: [slow], when: "${{ always() }}", run: sleep 30}
          later: {needs: [cleanup], when: "${{ always() }}", run: touch later-ran}
        """;
    Running run = Running.start(new PipelineFixture(dir, yaml));
    run.await(started("slow"));
    run.baton.cancel();
    run.await(started("cleanup"));

    run.baton.stopNow();
    RunOutcome out = run.outcome();

    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(state(out, "cleanup")).isEqualTo(StepState.CANCELLED);
    assertThat(state(out, "later")).isEqualTo(StepState.CANCELLED);
    assertThat(PipelineFixture.step(out, "later").message())
        .isEqualTo("cancelled before it started: the run was stopped a second time");
    assertThat(Duration.between(out.record().startedAt(), out.record().endedAt()))
        .isLessThan(Duration.ofSeconds(25));
  }

  @Test
  void theRunsTimeoutRunsTheCleanupStepAndTheRunStaysTimedOut() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: limited
            timeout: 1s
            steps:
              slow: {run: sleep 30}
              cleanup:
                needs: [slow]
                when: ${{ always() }}
                run: echo "${{ needs.slow.result }}" > cleanup.txt
            """);

    RunOutcome out = f.run();

    assertThat(out.record().status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(state(out, "slow")).isEqualTo(StepState.TIMED_OUT);
    assertThat(state(out, "cleanup")).isEqualTo(StepState.SUCCEEDED);
    assertThat(dir.resolve("cleanup.txt")).hasContent("failure\n");
  }

  @Test
  void failFastStopsTheOtherStepsButCleanupStepsStillRun() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fail-fast
            steps:
              a: {run: exit 1}
              slow: {run: sleep 30}
              queuedAfterSlow: {needs: [slow], run: touch plain-ran}
              cleanup:
                needs: [a, slow]
                when: ${{ always() }}
                run: echo "${{ needs.a.result }} ${{ needs.slow.result }}" > cleanup.txt
            """);

    RunOutcome out = f.run(f.config().toBuilder().failFast(true).build());

    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
    assertThat(state(out, "slow")).isEqualTo(StepState.CANCELLED);
    assertThat(state(out, "queuedAfterSlow")).isEqualTo(StepState.SKIPPED);
    assertThat(state(out, "cleanup")).isEqualTo(StepState.SUCCEEDED);
    assertThat(dir.resolve("cleanup.txt")).hasContent("failure cancelled\n");
    assertThat(Duration.between(out.record().startedAt(), out.record().endedAt()))
        .isLessThan(Duration.ofSeconds(25));
  }

  @Test
  void aCleanupStepWithoutATimeoutGetsTheDefaultOneOnceTheRunStops() {
    StepRun r =
        StepRun.allOf(
                new PipelineFixture(
                        dir,
                        "version: 1\nname: t\nsteps:\n  c: {when: '${{ always() }}', run: 'true'}\n")
                    .plan(),
                dir,
                Map.of())
            .get("c");
    ConditionGate gate =
        new ConditionGate(
            Map.of("c", r),
            new LateFields(Map.of()),
            (step, runs) -> Optional.empty(),
            new ReadyQueue(),
            (s, state, m) -> {},
            s -> {},
            s -> {});

    assertThat(gate.cleanupLimit(r)).isEmpty();
    gate.cancel(false);
    assertThat(gate.cleanupLimit(r)).contains(ConditionGate.CLEANUP_TIMEOUT);
    assertThat(gate.keepsRunning(r)).isTrue();
    gate.cancel(true);
    assertThat(gate.keepsRunning(r)).isFalse();
  }

  private static Predicate<RunEvent> started(String id) {
    return e -> e instanceof RunEvent.StepStarted s && s.stepId().equals(id);
  }

  private static Predicate<RunEvent> finished(String id) {
    return e -> e instanceof RunEvent.StepFinished s && s.stepId().equals(id);
  }

  /** A run on its own thread, with its events, so a test can cancel it midway. */
  private record Running(Baton baton, List<RunEvent> events, CompletableFuture<RunOutcome> future) {
    static Running start(PipelineFixture f) {
      List<RunEvent> events = new CopyOnWriteArrayList<>();
      Baton baton = new Baton(events::add);
      CompletableFuture<RunOutcome> outcome =
          CompletableFuture.supplyAsync(() -> baton.run(f.config()));
      return new Running(baton, events, outcome);
    }

    void await(Predicate<RunEvent> event) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (events.stream().noneMatch(event)) {
        assertThat(future).as("the run ended before the event").isNotDone();
        assertThat(System.nanoTime()).as("waited 60 s for the event").isLessThan(until);
        Thread.sleep(20);
      }
    }

    RunOutcome outcome() throws Exception {
      return future.get(60, TimeUnit.SECONDS);
    }
  }
}
