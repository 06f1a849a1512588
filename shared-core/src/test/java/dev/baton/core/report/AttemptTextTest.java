package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.SlurmAttempt;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptTextTest {
  @Test
  void aSlurmAttemptSaysItsJobNodeAndTimeInTheQueue() {
    AttemptRecord job = slurm(new SlurmAttempt("57", "", "baton01", 1000, null, null));
    AttemptRecord pilot = slurm(new SlurmAttempt("60", "t-a-1", "baton02", 0, null, null));

    assertThat(AttemptText.describe(job))
        .isEqualTo(
            "#1 SUCCEEDED in 2.0 s on slurm, Slurm job 57 on baton01 after 1.0 s queued: exit code 0");
    assertThat(AttemptText.describe(pilot))
        .isEqualTo(
            "#1 SUCCEEDED in 2.0 s on slurm, Slurm job 60 task t-a-1 on baton02: exit code 0");
  }

  @Test
  void theAgentColumnNamesTheNodeOfASlurmStepsLastAttempt() {
    StepRecord local =
        SampleRecords.step(
            "a", "a", "run", StepState.SUCCEEDED, "local", List.of(), 0, 2000, 1, "", List.of());
    StepRecord onSlurm =
        new StepRecord(
            "b",
            "b",
            "run",
            StepState.SUCCEEDED,
            Map.of(),
            List.of(),
            "true",
            "slurm",
            List.of(),
            SampleRecords.at(0),
            SampleRecords.at(2000),
            List.of(slurm(new SlurmAttempt("57", "", "baton01", 0, null, null))),
            null,
            "",
            List.of(),
            Map.of(),
            false,
            null,
            null,
            null);

    assertThat(AttemptText.where(local)).isEqualTo("local");
    assertThat(AttemptText.where(onSlurm)).isEqualTo("slurm: baton01");
  }

  private static AttemptRecord slurm(SlurmAttempt where) {
    AttemptRecord a =
        AttemptRecord.of(
            1,
            SampleRecords.at(0),
            SampleRecords.at(2000),
            0,
            StepState.SUCCEEDED,
            "slurm",
            List.of(),
            "");
    return new AttemptRecord(
        a.attempt(),
        a.startedAt(),
        a.endedAt(),
        a.exitCode(),
        a.status(),
        a.agent(),
        a.gpus(),
        a.message(),
        0,
        Map.of(),
        "",
        "",
        null,
        where);
  }
}
