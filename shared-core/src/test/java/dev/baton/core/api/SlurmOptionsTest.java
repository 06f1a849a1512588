package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.UsageException;
import dev.baton.core.exec.slurm.SlurmMode;
import dev.baton.core.exec.slurm.SlurmSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlurmOptionsTest {
  @Test
  void theFrontEndsOptionsWinOverTheDescriptorsSlurmBlockKeyByKey() {
    SlurmSettings s =
        SlurmOptions.settings(
            Map.of("mode", "allocation", "partition", "gpu"), Map.of("mode", "job"));

    assertThat(s.mode()).isEqualTo(SlurmMode.JOB);
    assertThat(s.partition()).isEqualTo(Optional.of("gpu"));
  }

  @Test
  void theDescriptorsModeHoldsWhereTheFrontEndGivesNone() {
    assertThat(SlurmOptions.settings(Map.of("mode", "allocation"), Map.of()).mode())
        .isEqualTo(SlurmMode.ALLOCATION);
  }

  @Test
  void theIdleTimeOfAnAllocationIsADurationDefaultingToAMinute() {
    assertThat(SlurmOptions.settings(Map.of(), Map.of()).allocationIdle())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(SlurmOptions.settings(Map.of("idle", "2m"), Map.of("idle", "30s")).allocationIdle())
        .isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> SlurmOptions.settings(Map.of(), Map.of("idle", "soon")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Slurm allocation idle time 'soon' is not a duration")
        .hasMessageContaining("30s");
  }
}
