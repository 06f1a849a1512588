package dev.baton.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import dev.baton.core.exec.local.LocalExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lease handed to a real step process through the local executor lives exactly as long as the
 * step's processes: Baton closing its own descriptors (as when it is killed) does not free the GPU,
 * the step's processes ending does.
 */
class InheritedLeaseTest {
  private static final AgentRequest ANY =
      new AgentRequest("", 0, OptionalLong.empty(), "", 0, OptionalLong.empty());
  @TempDir Path dir;

  @Test
  void theStepKeepsTheGpuAfterBatonClosedItsLeaseAndFreesItWhenItEnds() throws Exception {
    MachineLeases leases = MachineLeases.at(dir.resolve("leases"));
    Path started = dir.resolve("started");
    Path stop = dir.resolve("stop");
    Lease lease =
        leases.tryAcquire(List.of("gpu0", "gpu1"), Optional.empty(), LeaseHolder.of("r1", "train"));
    StepLaunch launch =
        withLeases(
            TestLaunches.shell(
                "train",
                "ls /proc/$$/fd > '"
                    + started
                    + ".tmp'; mv '"
                    + started
                    + ".tmp' '"
                    + started
                    + "'; while [ ! -e '"
                    + stop
                    + "' ]; do sleep 0.02; done",
                ANY,
                dir),
            lease);
    try (LocalExecutor executor = new LocalExecutor()) {
      StepHandle handle = executor.launch(launch);
      awaitFile(started);
      lease.close(); // what kill -9 of Baton does to Baton's own descriptors

      assertThat(Files.readAllLines(started)).contains("3", "4");
      assertThat(leases.holder("gpu0")).map(LeaseHolder::stepId).contains("train");
      assertThat(leases.holder("gpu1")).isPresent();
      assertThat(leases.tryAcquire(List.of("gpu1"), Optional.empty(), LeaseHolder.of("r2", "b")))
          .isNull();

      Files.createFile(stop);
      assertThat(handle.exit().get(30, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    }
    // The step has been reaped: its descriptors, and so the locks, are gone.
    assertThat(leases.holder("gpu0")).isEmpty();
    assertThat(leases.holder("gpu1")).isEmpty();
  }

  @Test
  void aBackgroundProcessOfTheStepKeepsTheGpuUntilItEndsToo() throws Exception {
    MachineLeases leases = MachineLeases.at(dir.resolve("leases"));
    Path stop = dir.resolve("stop");
    Path ended = dir.resolve("ended");
    Lease lease =
        leases.tryAcquire(List.of("gpu3"), Optional.empty(), LeaseHolder.of("r1", "serve"));
    StepLaunch launch =
        withLeases(
            TestLaunches.shell(
                "serve",
                "(while [ ! -e '" + stop + "' ]; do sleep 0.02; done; touch '" + ended + "') &",
                ANY,
                dir),
            lease);
    try (LocalExecutor executor = new LocalExecutor()) {
      StepHandle handle = executor.launch(launch);
      assertThat(handle.exit().get(30, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
      lease.close();

      // The step's main process is gone; the subshell it left behind still holds the lease.
      assertThat(leases.holder("gpu3")).map(LeaseHolder::stepId).contains("serve");

      Files.createFile(stop);
      awaitFile(ended);
      long endedAt = System.nanoTime();
      while (leases.holder("gpu3").isPresent()
          && System.nanoTime() - endedAt < TimeUnit.SECONDS.toNanos(1)) {
        Thread.sleep(10);
      }
      assertThat(leases.holder("gpu3")).as("free within 1 s of the last process ending").isEmpty();
    }
  }

  private static StepLaunch withLeases(StepLaunch l, Lease lease) {
    return new StepLaunch(
        l.step(),
        l.attempt(),
        l.command(),
        l.env(),
        l.workdir(),
        l.log(),
        l.agent(),
        l.gpus(),
        l.timeout(),
        lease.descriptors());
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(file).as("written by the step").exists();
  }
}
