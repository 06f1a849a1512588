package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.slurm.SlurmMode;
import dev.baton.core.exec.slurm.SlurmSettings;
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
}
