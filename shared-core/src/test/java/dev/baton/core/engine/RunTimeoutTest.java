package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's own time limit: running steps are stopped as by their own timeout and end TIMED_OUT,
 * steps not started are cancelled, and the run ends TIMED_OUT with a failed run's exit code.
 */
class RunTimeoutTest {
  @TempDir Path dir;

  private static final String SLOW =
      """
      version: 1
      name: slow
      timeout: %s
      steps:
        slow: {run: sleep 30}
        quick: {run: 'true'}
        after: {needs: [slow], run: 'true'}
      """;

  @Test
  void theRunsTimeoutStopsRunningStepsCancelsTheRestAndEndsTimedOut() throws Exception {
    PipelineFixture f = new PipelineFixture(dir, SLOW.formatted("1s"));

    RunOutcome out = f.run();

    assertThat(out.record().status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(out.succeeded()).isFalse();
    assertThat(PipelineFixture.step(out, "slow").status()).isEqualTo(StepState.TIMED_OUT);
    assertThat(PipelineFixture.step(out, "slow").message()).contains("the run's timeout of");
    assertThat(PipelineFixture.step(out, "quick").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(PipelineFixture.step(out, "after").status()).isEqualTo(StepState.CANCELLED);
    // Far below the 30 s the step would sleep: it was stopped, not waited for.
    assertThat(Duration.between(out.record().startedAt(), out.record().endedAt()))
        .isLessThan(Duration.ofSeconds(20));
    assertThat(f.events)
        .anySatisfy(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        RunEvent.Notice.class,
                        n ->
                            assertThat(n.message()).contains("the run's timeout of 1.0 s passed")));
    assertThat(Files.readString(out.reportDir().resolve("junit.xml")))
        .contains("name=\"baton.status\" value=\"TIMED_OUT\"");
    assertThat(Files.readString(out.reportDir().resolve("run.json")))
        .contains("\"status\": \"TIMED_OUT\"");
  }

  @Test
  void theFrontEndsTimeoutOverridesTheDescriptors() {
    PipelineFixture f = new PipelineFixture(dir, SLOW.formatted("10m"));

    RunOutcome out = f.run(f.config().toBuilder().runTimeout(Duration.ofSeconds(1)).build());

    assertThat(out.record().status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(PipelineFixture.step(out, "slow").status()).isEqualTo(StepState.TIMED_OUT);
  }

  @Test
  void aRunThatEndsWithinItsTimeoutSucceeds() {
    PipelineFixture f =
        new PipelineFixture(
            dir, "version: 1\nname: fast\ntimeout: 10m\nsteps:\n  a: {run: 'true'}\n");

    RunOutcome out = f.run();

    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void theDeadlineIsNoTimerAStuckStepWaitsFor() {
    // The engine fails a step no agent can take once no timer is left; a run's deadline hours away
    // must not keep it waiting.
    EngineLoop loop = new EngineLoop();
    loop.deadline(Duration.ofHours(1), () -> {});
    assertThat(loop.noTimers()).isTrue();
  }
}
