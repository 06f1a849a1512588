package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.DescriptorException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlurmDescriptorTest {
  private static final Path FILE = Path.of("baton.yaml");

  private static PipelineDescriptor parse(String yaml) {
    return DescriptorReader.parse(FILE, "version: 1\nname: x\n" + yaml);
  }

  @Test
  void theSlurmBlockGivesTheExecutorsModeAndSbatchOptions() {
    PipelineDescriptor d =
        parse(
            """
            executor: slurm
            slurm: {mode: allocation, partition: gpu, account: ml-team, qos: normal}
            steps:
              a: {run: 'true'}
            """);

    assertThat(d.slurm())
        .isEqualTo(
            Map.of(
                "mode", "allocation", "partition", "gpu", "account", "ml-team", "qos", "normal"));
    assertThat(parse("steps:\n  a: {run: 'true'}\n").slurm()).isEmpty();
  }

  @Test
  void anUnknownModeIsALocatedProblemThatNamesBothModes() {
    assertThatThrownBy(() -> parse("slurm:\n  mode: pilot\nsteps:\n  a: {run: 'true'}\n"))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("baton.yaml:4:9")
        .hasMessageContaining("unknown Slurm mode 'pilot'")
        .hasMessageContaining("'job'")
        .hasMessageContaining("'allocation'");
  }

  @Test
  void theIdleTimeOfAnAllocationIsADurationOrALocatedProblem() {
    assertThat(parse("slurm: {mode: allocation, idle: 2m}\nsteps:\n  a: {run: 'true'}\n").slurm())
        .containsEntry("idle", "2m");
    assertThatThrownBy(() -> parse("slurm:\n  idle: soon\nsteps:\n  a: {run: 'true'}\n"))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("baton.yaml:4:9")
        .hasMessageContaining("slurm.idle 'soon' is not a duration")
        .hasMessageContaining("30s");
  }

  @Test
  void anUnknownKeyOrAnEmptyValueIsALocatedProblem() {
    assertThatThrownBy(
            () ->
                parse("slurm: {mode: job, nodes: 2, partition: ''}\nsteps:\n  a: {run: 'true'}\n"))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("baton.yaml:3:")
        .hasMessageContaining("nodes")
        .hasMessageContaining("slurm.partition is empty");
  }
}
