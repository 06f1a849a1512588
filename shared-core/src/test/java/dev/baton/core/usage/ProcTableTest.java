package dev.baton.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcTableTest {
  @Test
  void readsGroupCpuAndMemoryFromAStatLineWhoseNameHoldsSpacesAndParentheses() {
    String line =
        "4242 (my (odd) prog) S 1 4200 4200 0 -1 4194560 100 0 0 0 150 50 7 3 20 0 1 0 99"
            + " 123456789 2560 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
    ProcTable.Stat stat = ProcTable.parseStat(line);
    assertThat(stat).isNotNull();
    assertThat(stat.group()).isEqualTo(4200);
    assertThat(stat.cpuTicks()).isEqualTo(150 + 50 + 7 + 3);
    assertThat(stat.rssPages()).isEqualTo(2560);
  }

  @Test
  void samplesThisJvmsOwnProcessGroup() {
    long group = ProcTable.parseStat(ownStat()).group();
    Map<Long, GroupSample> samples = ProcTable.sample(Set.of(group));
    assertThat(samples.get(group).rssBytes()).isPositive();
    assertThat(samples.get(group).cpuTicks()).isPositive();
  }

  @Test
  void readsAnNvidiaSmiUsageLineAndRefusesOneWithoutNumbers() {
    GpuSampler.GpuLine g = GpuSampler.parse("1, 11468, 81920, 35");
    assertThat(g).isEqualTo(new GpuSampler.GpuLine(1, 11468L << 20, 81920L << 20, 35.0));
    assertThat(GpuSampler.parse("0, [N/A], 81920, 0")).isNull();
    assertThat(GpuSampler.parse("not a gpu")).isNull();
  }

  @Test
  void theIntervalIsOneSecondByDefaultAndZeroSwitchesSamplingOff() {
    assertThat(UsageInterval.parse("")).contains(UsageInterval.DEFAULT);
    assertThat(UsageInterval.parse("250ms")).contains(Duration.ofMillis(250));
    assertThat(UsageInterval.parse("0")).isEmpty();
    assertThat(UsageInterval.parse("off")).isEmpty();
  }

  private static String ownStat() {
    try {
      return Files.readString(Path.of("/proc/self/stat"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
