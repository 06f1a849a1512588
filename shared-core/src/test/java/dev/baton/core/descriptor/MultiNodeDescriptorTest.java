package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.DescriptorException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MultiNodeDescriptorTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  private static AgentRequest agentOf(String agent) {
    return DescriptorReader.parse(
            FILE, "version: 1\nname: x\nsteps:\n  train: {agent: " + agent + ", run: 'true'}\n")
        .steps()
        .get("train")
        .agent();
  }

  @Test
  void nodesGpusPerNodeAndTasksPerNodeAreRead() {
    AgentRequest a = agentOf("{nodes: 2, gpusPerNode: 4, tasksPerNode: 4}");

    assertThat(a.nodes()).isEqualTo(2);
    assertThat(a.gpus()).isEqualTo(4);
    assertThat(a.tasksPerNode()).isEqualTo(4);
    assertThat(a.distributed()).isTrue();
  }

  @Test
  void aPlainRequestIsOneNodeAndOneTask() {
    AgentRequest a = agentOf("{gpus: 1}");

    assertThat(a.nodes()).isEqualTo(1);
    assertThat(a.tasksPerNode()).isEqualTo(1);
    assertThat(a.distributed()).isFalse();
  }

  @Test
  void gpusAndGpusPerNodeTogetherAreALocatedError() {
    assertThatThrownBy(() -> agentOf("{nodes: 2, gpus: 2, gpusPerNode: 4}"))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("baton.yaml:4")
        .hasMessageContaining("both 'gpus' and 'gpusPerNode'");
  }

  @Test
  void zeroNodesIsRefused() {
    assertThatThrownBy(() -> agentOf("{nodes: 0}"))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("nodes");
  }
}
