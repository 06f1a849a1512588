package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmCancelTest {
  @Test
  void aCancelledJobThatSqueueStillListsInItsFinalStateCountsAsGone() throws Exception {
    FakeSlurm slurm = new FakeSlurm();
    slurm.jobs.put("7", "CANCELLED 15");

    assertThat(SlurmCancel.listed(slurm, List.of("7"), Duration.ofSeconds(1))).isFalse();
  }

  @Test
  void aJobStillCompletingCountsAsListed() throws Exception {
    FakeSlurm slurm = new FakeSlurm();
    slurm.jobs.put("7", "COMPLETING 0");
    slurm.jobs.put("8", "CANCELLED 15");

    assertThat(SlurmCancel.listed(slurm, List.of("7", "8"), Duration.ofSeconds(1))).isTrue();
  }
}
