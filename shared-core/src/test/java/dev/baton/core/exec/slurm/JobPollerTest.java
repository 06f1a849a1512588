package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobPollerTest {
  private final FakeSlurm slurm = new FakeSlurm();
  private final JobPoller poller = new JobPoller(slurm, Duration.ofMillis(400));

  @AfterEach
  void close() {
    poller.close();
  }

  @Test
  void oneSqueueCallFollowsEveryJob() throws Exception {
    slurm.jobs.put("1", "RUNNING 0");
    slurm.jobs.put("2", "RUNNING 0");
    slurm.jobs.put("3", "PENDING 0");
    CompletableFuture<ExitStatus> a = poller.follow("1", "a", row -> {});
    CompletableFuture<ExitStatus> b = poller.follow("2", "b", row -> {});
    CompletableFuture<ExitStatus> c = poller.follow("3", "c", row -> {});
    Await.until(
        "the poller saw every job",
        () ->
            poller.state("1").equals("RUNNING")
                && poller.state("2").equals("RUNNING")
                && poller.state("3").equals("PENDING"));

    slurm.jobs.put("1", "COMPLETED 0");
    slurm.jobs.put("2", "FAILED 768");
    slurm.jobs.put("3", "CANCELLED 0");

    assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(3));
    assertThat(c.get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(143));
    List<List<String>> squeues = slurm.calls("squeue");
    assertThat(squeues).isNotEmpty().allMatch(call -> call.contains("--states=all"));
    assertThat(squeues).anyMatch(call -> jobsAsked(call).containsAll(List.of("1", "2", "3")));
    assertThat(squeues).as("one squeue call per look, never one per job").hasSize(poller.polls());
  }

  @Test
  void looksOftenAfterAChangeAndLessOftenWhileNothingChanges() {
    // What the poller planned before each look; the job changes state at the fifth look.
    List<Duration> planned = new CopyOnWriteArrayList<>();
    slurm.onSqueue =
        n -> {
          planned.add(poller.interval());
          if (n == 5) {
            slurm.jobs.put("7", "SUSPENDED 0");
          }
        };
    slurm.jobs.put("7", "RUNNING 0");
    poller.follow("7", "long", row -> {});

    Await.until("seven looks", () -> planned.size() >= 7);

    // First look, then one soon after the job was first seen; doubling while nothing changes,
    // up to the maximum (400 ms here); soon again after the change.
    assertThat(planned.subList(0, 7))
        .extracting(Duration::toMillis)
        .containsExactly(100L, 100L, 200L, 400L, 400L, 100L, 200L);
  }

  @Test
  void runsTheEndActionBeforeCompleting() throws Exception {
    slurm.jobs.put("5", "COMPLETED 0");
    AtomicInteger ended = new AtomicInteger();
    CompletableFuture<ExitStatus> exit = poller.follow("5", "s", row -> ended.incrementAndGet());

    exit.get(5, TimeUnit.SECONDS);

    assertThat(ended).hasValue(1);
  }

  @Test
  void aJobThatVanishesWithoutAccountingIsLost() {
    CompletableFuture<ExitStatus> exit = poller.follow("404", "gone", row -> {});

    assertThat(exit)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(InfrastructureException.class)
        .withMessageContaining("step gone was lost")
        .withMessageContaining("MinJobAge");
    assertThat(slurm.calls("sacct")).hasSize(1);
  }

  @Test
  void aMissingSqueueFailsEveryAttemptWithWhatToInstall() {
    JobPoller broken =
        new JobPoller(
            (argv, timeout) -> {
              throw new IOException("Cannot run program \"squeue\"");
            },
            Duration.ofMillis(200));
    try {
      CompletableFuture<ExitStatus> exit = broken.follow("1", "s", row -> {});
      assertThat(exit)
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(InfrastructureException.class)
          .withMessageContaining("squeue cannot be run");
    } finally {
      broken.close();
    }
  }

  @Test
  void aControllerThatIsBrieflyDownIsWaitedFor() throws Exception {
    slurm.jobs.put("9", "RUNNING 0");
    slurm.squeueFailure =
        new SlurmCli.Result(
            1, "", "slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n");
    CompletableFuture<ExitStatus> exit = poller.follow("9", "s", row -> {});
    Await.until("three looks found the controller silent", () -> poller.polls() >= 3);
    assertThat(exit).isNotDone();

    slurm.squeueFailure = null;
    slurm.jobs.put("9", "COMPLETED 0");

    assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
  }

  private static List<String> jobsAsked(List<String> squeue) {
    String jobs = squeue.stream().filter(a -> a.startsWith("--jobs=")).findFirst().orElseThrow();
    return List.of(jobs.substring("--jobs=".length()).split(","));
  }
}
