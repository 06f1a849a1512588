package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.SlurmAttempt;
import org.junit.jupiter.api.Test;

class JobFactsTest {
  private static final String SQUEUE =
      "9|%s|0|baton01|2026-12-07T05:20:59|2026-12-07T05:21:01|2026-12-07T06:21:01";

  @Test
  void aRunningJobsEndTimeIsItsLimitNotItsEnd() {
    JobFacts facts = new JobFacts("9");
    facts.seen(SqueueOutput.parse(SQUEUE.formatted("RUNNING")).get("9"));

    SlurmAttempt where = facts.attempt();
    assertThat(where).isNotNull();
    assertThat(where.endedAt()).isNull();
    assertThat(where.startedAt()).isEqualTo(SqueueOutput.time("2026-12-07T05:21:01"));
    assertThat(where.queueWaitMillis()).isEqualTo(2000);
  }

  @Test
  void aPendingJobsStartTimeIsOnlyAGuess() {
    JobFacts facts = new JobFacts("9");
    facts.seen(SqueueOutput.parse(SQUEUE.formatted("PENDING")).get("9"));

    SlurmAttempt where = facts.attempt();
    assertThat(where).isNotNull();
    assertThat(where.startedAt()).isNull();
    assertThat(where.queueWaitMillis()).isZero();
  }

  @Test
  void aJobNeverSeenHasNoSlurmBlock() {
    JobFacts facts = new JobFacts("9");
    facts.seen(null);
    assertThat(facts.attempt()).isNull();
    assertThat(facts.usage()).isNull();
  }
}
