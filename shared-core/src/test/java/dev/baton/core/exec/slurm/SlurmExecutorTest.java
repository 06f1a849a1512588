package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.agents.Agent;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.SlurmAttempt;
import dev.baton.core.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor against a pretend cluster: what it submits, cancels and reports. */
class SlurmExecutorTest {
  private static final List<Agent> NODES =
      SlurmInventory.parse(
          "n1|gpu,a100|gpu:a100:4|16|64000\nn2|gpu,a100,flaky|gpu:a100:4|16|64000");

  @TempDir Path dir;
  private final FakeSlurm slurm = new FakeSlurm();
  private final SlurmExecutor executor =
      new SlurmExecutor(SlurmSettings.defaults(), "churn", () -> NODES, slurm);

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void submitsOneJobPerAttemptAndReportsItsExit() throws Exception {
    StepLaunch launch =
        TestLaunches.shell(
            "train", "./train.sh", SlurmLaunches.request("gpu && !flaky", 2, "A100", 0, 0), dir);

    StepHandle handle = executor.launch(launch);
    slurm.jobs.put("100", "FAILED 768");

    assertThat(handle.exit().get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(3));
    assertThat(((SlurmStepHandle) handle).jobId()).isEqualTo("100");
    List<String> sbatch = slurm.calls("sbatch").get(0);
    assertThat(sbatch)
        .contains(
            "--job-name=churn.train", "--gres=gpu:a100:2", "--constraint=gpu", "--exclude=n2");
    assertThat(BatchScript.envPath(launch)).as("deleted once the job ended").doesNotExist();
  }

  @Test
  void aJobsNodeAndSlurmTimesComeFromSqueueWithoutAccounting() throws Exception {
    StepHandle handle =
        executor.launch(TestLaunches.shell("s", "true", SlurmLaunches.gpus(1), dir));
    slurm.jobs.put("100", "COMPLETED 0");

    assertThat(handle.exit().get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    SlurmAttempt where = handle.slurm();
    assertThat(where).isNotNull();
    assertThat(where.jobId()).isEqualTo("100");
    assertThat(where.node()).isEqualTo("baton01");
    assertThat(where.startedAt()).isEqualTo(local("2026-12-07T05:20:59"));
    assertThat(where.endedAt()).isEqualTo(local("2026-12-07T05:21:03"));
    assertThat(where.queueWaitMillis()).isZero();
    assertThat(handle.usage()).as("the cluster keeps no accounting").isNull();
  }

  @Test
  void accountingGivesTheJobsUsageAndWinsOverSqueue() throws Exception {
    // What sacct printed for a job on the test cluster, its id changed to the fake's first.
    slurm.sacctAnswer =
        "100|COMPLETED|00:01.258||||baton02|2026-12-07T05:20:10|2026-12-07T05:20:12|"
            + "2026-12-07T05:20:15\n"
            + "100.batch|COMPLETED|00:01.258|219792K|cpu=00:00:00,energy=0,fs/disk=51698761,"
            + "mem=219792K,pages=0,vmem=223960K|energy=0,fs/disk=50001690|baton02|"
            + "2026-12-07T05:20:12|2026-12-07T05:20:12|2026-12-07T05:20:15\n";
    StepHandle handle =
        executor.launch(TestLaunches.shell("s", "true", SlurmLaunches.gpus(1), dir));
    slurm.jobs.put("100", "COMPLETED 0");

    assertThat(handle.exit().get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    SlurmAttempt where = handle.slurm();
    assertThat(where).isNotNull();
    assertThat(where.node()).isEqualTo("baton02");
    assertThat(where.queueWaitMillis()).isEqualTo(2000);
    AttemptUsage usage = handle.usage();
    assertThat(usage).isNotNull();
    assertThat(usage.source()).isEqualTo("sacct");
    assertThat(usage.cpuSeconds()).isEqualTo(1.258);
    assertThat(usage.peakRssBytes()).isEqualTo(219792L * 1024);
    assertThat(usage.readBytes()).isEqualTo(51698761L);
    assertThat(usage.writeBytes()).isEqualTo(50001690L);
    assertThat(slurm.calls("sacct").get(0)).contains("--jobs=100", "--parsable2");
  }

  private static Instant local(String time) {
    return LocalDateTime.parse(time).atZone(ZoneId.systemDefault()).toInstant();
  }

  @Test
  void stopSignalsTheRunningJobThenCancelsItAfterTheGrace() throws Exception {
    StepHandle handle =
        executor.launch(TestLaunches.shell("s", "sleep 1000", SlurmLaunches.gpus(0), dir));
    slurm.jobs.put("100", "RUNNING 0");
    awaitLookAfterNow();

    handle.stop(Duration.ofMillis(300));
    Await.until("TERM, then KILL after the grace", () -> slurm.calls("scancel").size() == 3);
    slurm.jobs.put("100", "CANCELLED 9");

    assertThat(handle.exit().get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(137));
    assertThat(slurm.calls("scancel"))
        .containsExactly(
            List.of("scancel", "--full", "--signal=TERM", "100"),
            List.of("scancel", "--full", "--signal=KILL", "100"),
            List.of("scancel", "100"));
  }

  @Test
  void stopTakesAPendingJobOutOfTheQueueAtOnce() throws Exception {
    StepHandle handle =
        executor.launch(TestLaunches.shell("s", "true", SlurmLaunches.gpus(4), dir));
    awaitLookAfterNow();

    handle.stop(Duration.ofSeconds(30));
    Await.until("the job was taken out of the queue", () -> !slurm.calls("scancel").isEmpty());
    slurm.jobs.put("100", "CANCELLED 0");

    assertThat(handle.exit().get(5, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(143));
    assertThat(slurm.calls("scancel")).containsExactly(List.of("scancel", "100"));
  }

  @Test
  void missingSbatchIsAnInfrastructureErrorWithWhatToInstall() {
    SlurmExecutor noSlurm =
        new SlurmExecutor(
            SlurmSettings.defaults(),
            "p",
            () -> NODES,
            (argv, timeout) -> {
              throw new IOException("Cannot run program \"sbatch\": error=2, No such file");
            });
    try {
      assertThatThrownBy(
              () -> noSlurm.launch(TestLaunches.shell("s", "true", SlurmLaunches.gpus(0), dir)))
          .isInstanceOf(InfrastructureException.class)
          .hasMessageContaining("sbatch cannot be run")
          .hasMessageContaining("apt-get install slurm-client")
          .isInstanceOf(InfrastructureException.class);
    } finally {
      noSlurm.close();
    }
  }

  @Test
  void unreachableControllerSaysToCheckSlurmctld() {
    slurm.sbatchAnswer =
        new SlurmCli.Result(
            1,
            "",
            "sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)\n");

    assertThatThrownBy(
            () -> executor.launch(TestLaunches.shell("s", "true", SlurmLaunches.gpus(0), dir)))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("the Slurm controller does not answer sbatch")
        .hasMessageContaining("is slurmctld running")
        .hasMessageContaining("scontrol ping");
  }

  @Test
  void refusedRequestNamesTheStepAndWhatToCompare() throws IOException {
    slurm.sbatchAnswer =
        new SlurmCli.Result(
            1,
            "",
            "sbatch: error: Batch job submission failed: Requested node configuration is not available\n");
    StepLaunch launch = TestLaunches.shell("big", "true", SlurmLaunches.gpus(64), dir);

    assertThatThrownBy(() -> executor.launch(launch))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("Slurm refused step big")
        .hasMessageContaining("Requested node configuration is not available")
        .hasMessageContaining("sinfo");
    assertThat(BatchScript.envPath(launch)).doesNotExist();
  }

  @Test
  void missingWorkingDirectoryCannotLaunchLikeLocally() throws Exception {
    StepHandle handle =
        executor.launch(
            TestLaunches.shell("s", "true", SlurmLaunches.gpus(0), dir.resolve("nope")));

    ExitStatus status = handle.exit().get(1, TimeUnit.SECONDS);
    assertThat(status.launched()).isFalse();
    assertThat(status.launchError()).contains("does not exist");
    assertThat(slurm.calls("sbatch")).isEmpty();
  }

  @Test
  void closeCancelsJobsThatStillRun() throws Exception {
    executor.launch(TestLaunches.shell("s", "sleep 1000", SlurmLaunches.gpus(0), dir));

    executor.close();

    assertThat(slurm.calls("scancel")).containsExactly(List.of("scancel", "100"));
  }

  @Test
  void readsTheJobIdFromParsableOutput() {
    assertThat(SlurmExecutor.jobId("4242\n")).isEqualTo("4242");
    assertThat(SlurmExecutor.jobId("4242;cluster2\n")).isEqualTo("4242");
  }

  /**
   * Waits until a look that began after this call has been taken in: the poller is one thread, so
   * once the squeue call after next has begun, the one before it has been read.
   */
  private void awaitLookAfterNow() {
    int seen = slurm.calls("squeue").size();
    Await.until("the poller looked again", () -> slurm.calls("squeue").size() >= seen + 2);
  }
}
