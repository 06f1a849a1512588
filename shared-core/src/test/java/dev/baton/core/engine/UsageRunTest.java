package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.StepRecord;
import dev.baton.core.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each attempt's use of CPU, memory and storage is measured and lands in run.json. */
class UsageRunTest {
  @TempDir Path dir;

  @Test
  void aStepThatAllocates200MbAndBurnsOneSecondOfCpuHasBothInItsAttemptUsage() throws Exception {
    RequiredTool.require(python3(), "python3, to allocate memory and burn CPU in a step");
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: usage
            steps:
              hungry:
                run: >-
                  python3 -c "import time; b = b'x' * (200 << 20); t = time.process_time();
                  exec('while time.process_time() - t < 1.0: pass')"
            """);
    RunOutcome out = f.run();
    StepRecord step = PipelineFixture.step(out, "hungry");
    assertThat(step.status().isSuccessful()).as(step.message()).isTrue();
    AttemptUsage usage = step.attempts().get(0).usage();
    assertThat(usage).isNotNull();
    assertThat(usage.peakRssBytes()).isGreaterThanOrEqualTo(150L << 20);
    assertThat(usage.cpuSeconds()).isGreaterThanOrEqualTo(0.8);
    assertThat(usage.source()).isEqualTo("proc");
    // and the same figures in the run.json written to disk
    StepRecord read = RunRecordJson.read(out.reportDir()).steps().get(0);
    assertThat(read.attempts().get(0).usage()).isEqualTo(usage);
  }

  @Test
  void aShortStepIsMeasuredByTheKernelsAccountingAtItsEndWithoutASample() {
    // CPU and I/O come from the kernel at the reaping; peak RSS does not: the kernel's figure for a
    // process spawned from the JVM is the JVM's own size (the old code recorded ~200 MB for
    // 'true').

    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: short
            steps:
              quick: {run: 'true'}
            """);
    RunOutcome out = f.run();
    AttemptUsage usage = PipelineFixture.step(out, "quick").attempts().get(0).usage();
    assertThat(usage).isNotNull();
    assertThat(usage.peakRssBytes()).isZero();
    assertThat(usage.samples()).isZero();
    assertThat(usage.meanRssBytes()).isNull();
  }

  @Test
  void aBenchmarkStepsUsageIsTheSumOfItsCommandsEachSampledInItsOwnGroup() throws Exception {
    RequiredTool.require(python3(), "python3, to allocate memory and burn CPU in a step");
    // Three runs (one warm-up), each allocating 120 MB and burning 0.5 s of CPU: before stage steps
    // were measured command by command, this attempt had no usage at all.
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: stage-usage
            steps:
              speed:
                benchmark:
                  run: >-
                    python3 -c "import time; b = b'x' * (120 << 20); t = time.process_time();
                    exec('while time.process_time() - t < 0.5: pass')"
                  warmup: 1
                  repeat: 2
            """);
    RunOutcome out = f.run();
    StepRecord step = PipelineFixture.step(out, "speed");
    assertThat(step.status().isSuccessful()).as(step.message()).isTrue();
    AttemptUsage usage = step.attempts().get(0).usage();
    assertThat(usage).as("the benchmark's usage").isNotNull();
    assertThat(usage.cpuSeconds()).as("three commands of 0.5 s").isGreaterThanOrEqualTo(1.2);
    assertThat(usage.peakRssBytes()).isGreaterThanOrEqualTo(100L << 20);
    assertThat(usage.samples()).isPositive();
    assertThat(usage.source()).isEqualTo("proc");
  }

  @Test
  void aBenchmarkOfCommandsShorterThanTheSamplingIntervalCountsTheirCpuFromTheKernel() {
    // Six commands (one warm-up), each burning at least 60 ms of CPU in the shell itself (it reads
    // its own utime + stime, in ticks, from /proc): none lives to the first sample, one second in,
    // so only the kernel's accounting as each is reaped sees them (the old code recorded 0 s).
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: short-stage-usage
            steps:
              speed:
                benchmark:
                  run: >-
                    while :; do read -r s < /proc/$$/stat; set -- $s;
                    [ $((${14} + ${15})) -ge 6 ] && break; done
                  warmup: 1
                  repeat: 5
            """);
    RunOutcome out = f.run();
    StepRecord step = PipelineFixture.step(out, "speed");
    assertThat(step.status().isSuccessful()).as(step.message()).isTrue();
    AttemptUsage usage = step.attempts().get(0).usage();
    assertThat(usage).as("the benchmark's usage").isNotNull();
    assertThat(usage.cpuSeconds()).as("six commands of 60 ms or more").isGreaterThanOrEqualTo(0.3);
  }

  private static boolean python3() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "python3"))) {
        return true;
      }
    }
    return false;
  }
}
