package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.StageSpec;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.exec.AttemptProcess;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import dev.baton.core.secrets.Masker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage attempt tells of every command it runs, each a job of its own where the engine has jobs
 * (Slurm): the engine journals them, so a resumed run can cancel the job a killed Baton left.
 */
class StageCommandProcessesTest {
  @TempDir Path dir;

  /** An engine whose attempts are jobs with ids, as on Slurm, each ending at once with 0. */
  private static final class JobEngine implements StepExecutor {
    final AtomicInteger submitted = new AtomicInteger();

    @Override
    public String name() {
      return "jobs";
    }

    @Override
    public StepHandle launch(StepLaunch launch) {
      String id = "job-" + submitted.incrementAndGet();
      return new StepHandle() {
        @Override
        public CompletableFuture<ExitStatus> exit() {
          return CompletableFuture.completedFuture(ExitStatus.exited(0));
        }

        @Override
        public void stop(Duration grace) {}

        @Override
        public String jobId() {
          return id;
        }
      };
    }
  }

  @Test
  void eachBenchmarkCommandIsToldAsAJobOfTheAttempt() throws Exception {
    StepLaunch plain =
        TestLaunches.shell(
            "speed",
            "./infer.sh",
            new AgentRequest("", 0, OptionalLong.empty(), "", 0, OptionalLong.empty()),
            dir);
    StageSpec benchmark =
        new StageSpec.Benchmark(
            SourcePosition.of("test"),
            1,
            2,
            OptionalInt.empty(),
            Optional.empty(),
            Optional.empty());
    StepLaunch launch =
        new StepLaunch(
            plain.step().withSpec(plain.step().spec().withStage(Optional.of(benchmark))),
            1,
            plain.command(),
            plain.env(),
            plain.workdir(),
            plain.log(),
            plain.agent(),
            plain.gpus(),
            plain.timeout());
    List<AttemptProcess> heardWhileRunning = new CopyOnWriteArrayList<>();

    StepHandle attempt = new StageLauncher(new JobEngine(), Masker.NONE).launch(launch);
    attempt.onLaterProcess(heardWhileRunning::add);
    assertThat(attempt.exit().get(30, TimeUnit.SECONDS).success()).isTrue();

    List<AttemptProcess> jobs =
        List.of(
            new AttemptProcess(-1, "job-1"),
            new AttemptProcess(-1, "job-2"),
            new AttemptProcess(-1, "job-3"));
    assertThat(heardWhileRunning).isEqualTo(jobs);
    List<AttemptProcess> heardAfter = new CopyOnWriteArrayList<>();
    attempt.onLaterProcess(heardAfter::add);
    assertThat(heardAfter).as("told at once of those already started").isEqualTo(jobs);
    assertThat(attempt.started()).isCompletedWithValue(-1L);
  }
}
