package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancel that comes in while the engine is dispatching what a step's end made ready is the race a
 * step that signals Baton and exits at once runs. Here the cancel is sent from the event sink as an
 * event of that dispatch is reported, on the engine's own thread: the racy order, every time.
 */
class CancelRaceTest {
  @TempDir Path dir;

  private final List<RunEvent> events = new CopyOnWriteArrayList<>();

  /** A Baton that cancels itself when an event {@code trigger} accepts is reported. */
  private Baton cancellingWhen(Predicate<RunEvent> trigger) {
    AtomicReference<Baton> baton = new AtomicReference<>();
    baton.set(
        new Baton(
            e -> {
              events.add(e);
              if (trigger.test(e)) {
                baton.get().cancel();
              }
            }));
    return baton.get();
  }

  private List<String> startedSteps() {
    return events.stream()
        .filter(e -> e instanceof RunEvent.StepStarted)
        .map(e -> ((RunEvent.StepStarted) e).stepId())
        .toList();
  }

  @Test
  void noMoreDependantsStartOnceACancelIsReceivedWhileTheyAreDispatched() {
    StringBuilder yaml =
        new StringBuilder("version: 1\nname: race\nsteps:\n  first: {run: 'true'}\n");
    for (int i = 1; i <= 10; i++) {
      yaml.append("  d").append(i).append(": {needs: [first], run: 'touch d").append(i);
      yaml.append("'}\n");
    }
    PipelineFixture f = new PipelineFixture(dir, yaml.toString());

    RunOutcome out =
        cancellingWhen(e -> e instanceof RunEvent.StepStarted s && s.stepId().startsWith("d"))
            .run(f.config().toBuilder().parallel(10).build());

    // The one whose start was under way as the cancel came in; none after it.
    assertThat(startedSteps()).hasSize(2).startsWith("first");
    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(PipelineFixture.step(out, "first").status()).isEqualTo(StepState.SUCCEEDED);
    for (int i = 1; i <= 10; i++) {
      assertThat(PipelineFixture.step(out, "d" + i).status()).isEqualTo(StepState.CANCELLED);
    }
  }

  @Test
  void aRetryDueAsACancelIsReceivedDoesNotStart() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            "version: 1\nname: race\nsteps:\n"
                + "  flaky: {run: 'exit 1', retry: {limit: 2, backoff: {duration: 1ms}}}\n");

    // Queued again by its retry timer, after the engine handled the signals that came in.
    RunOutcome out =
        cancellingWhen(e -> e instanceof RunEvent.StepQueued q && startedSteps().size() == 1)
            .run(f.config());

    assertThat(startedSteps()).containsExactly("flaky");
    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(PipelineFixture.step(out, "flaky").status()).isEqualTo(StepState.CANCELLED);
  }

  @Test
  void aRunCancelledAsItsLastStepEndsIsCancelledNotSucceeded() {
    PipelineFixture f =
        new PipelineFixture(dir, "version: 1\nname: race\nsteps:\n  only: {run: 'true'}\n");

    RunOutcome out =
        cancellingWhen(e -> e instanceof RunEvent.StepFinished fin && fin.stepId().equals("only"))
            .run(f.config());

    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
  }
}
