package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import dev.baton.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI abort signals the whole process tree: the step dies of SIGTERM a moment before Baton is
 * cancelled. The step must count as cancelled with the run, not as a failure that raced the cancel
 * (the Jenkins library's abort test saw "slow: FAILED" now and then).
 */
class OutsideStopTest {
  @TempDir Path dir;

  @Test
  void aStepKilledBySigtermJustBeforeTheRunIsCancelledIsCancelled() throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: abort
            steps:
              slow: {run: 'echo $$ > pid; exec sleep 60'}
              after: {needs: [slow], run: 'true'}
            """);
    Baton baton = new Baton(e -> {});
    CompletableFuture<RunOutcome> running =
        CompletableFuture.supplyAsync(() -> baton.run(f.config()));
    Path pidFile = dir.resolve("pid");
    Await.until(
        "the step wrote its pid", () -> Files.exists(pidFile) && pidFile.toFile().length() > 0);
    ProcessHandle step =
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();

    step.destroy(); // SIGTERM, as the CI's abort sends to every process of the build
    Await.until("the step's process is gone", () -> !step.isAlive());
    baton.cancel(); // ... and to Baton, a moment later

    RunOutcome out = running.get(60, TimeUnit.SECONDS);
    assertThat(out.record().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(PipelineFixture.step(out, "slow").status()).isEqualTo(StepState.CANCELLED);
    assertThat(PipelineFixture.step(out, "after").status()).isEqualTo(StepState.CANCELLED);
  }

  @Test
  void aStepThatKillsItselfWithSigtermWhileNothingStopsBatonFails() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: self
            steps:
              suicide: {run: 'kill -TERM $$'}
            """);

    RunOutcome out = f.run();

    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
    assertThat(PipelineFixture.step(out, "suicide").status()).isEqualTo(StepState.FAILED);
  }
}
