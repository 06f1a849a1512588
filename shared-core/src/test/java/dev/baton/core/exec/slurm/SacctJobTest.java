package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SacctJobTest {
  @Test
  void aJobStillRunningInAccountingIsNotYetItsRecord() {
    String running =
        "7|RUNNING|00:00:00||||baton01|2026-12-07T05:20:10|2026-12-07T05:20:10|Unknown\n";
    assertThat(SacctJob.parse(running, "7")).isEmpty();
    String noStepYet =
        "7|COMPLETED|00:00:00||||baton01|2026-12-07T05:20:10|2026-12-07T05:20:10|"
            + "2026-12-07T05:20:11\n";
    assertThat(SacctJob.parse(noStepYet, "7")).as("the batch step not recorded yet").isEmpty();
  }

  @Test
  void stepsAddUpReadsAndWritesAndTheLargestRssCounts() {
    String out =
        "8|FAILED|01:02:03||||baton[01-02]|2026-12-07T05:20:10|2026-12-07T05:20:10|"
            + "2026-12-07T06:20:10\n"
            + "8.batch|FAILED|00:10.000|1.5M|fs/disk=100|fs/disk=10|baton01|x|x|x\n"
            + "8.0|COMPLETED|01:01:53|2G|cpu=1,fs/disk=900|fs/disk=90|baton[01-02]|x|x|x\n"
            + "80|COMPLETED|00:00:01|9G|fs/disk=5|fs/disk=5|baton01|x|x|x\n";
    SacctJob job = SacctJob.parse(out, "8").orElseThrow();
    assertThat(job.nodes()).isEqualTo("baton[01-02]");
    assertThat(job.usage().cpuSeconds()).isEqualTo(3723.0);
    assertThat(job.usage().peakRssBytes()).as("job 80 is another job").isEqualTo(2L << 30);
    assertThat(job.usage().readBytes()).isEqualTo(1000);
    assertThat(job.usage().writeBytes()).isEqualTo(100);
  }

  @Test
  void readsSacctsTimesAndSizes() {
    assertThat(SacctJob.seconds("2-01:00:00")).isEqualTo(2 * 86_400 + 3_600);
    assertThat(SacctJob.seconds("00:01.258")).isEqualTo(1.258);
    assertThat(SacctJob.seconds("")).isZero();
    assertThat(SacctJob.seconds("INVALID")).isZero();
    assertThat(SacctJob.bytes("219792K")).isEqualTo(219792L * 1024);
    assertThat(SacctJob.bytes("0")).isZero();
    assertThat(SacctJob.bytes("")).isZero();
    assertThat(SacctJob.bytes("junkM")).isZero();
  }
}
