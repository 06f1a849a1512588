package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import dev.baton.core.errors.InfrastructureException;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SlurmInventoryTest {

  @Test
  void featuresBecomeLabelsAndGresBecomeGpus() {
    List<Agent> nodes = SlurmInventory.parse("baton01|gpu,a100|gpu:a100:4|16|19284\n");

    assertThat(nodes).hasSize(1);
    Agent node = nodes.get(0);
    assertThat(node.name()).isEqualTo("baton01");
    assertThat(node.labels()).containsExactlyInAnyOrder("baton01", "gpu", "a100");
    assertThat(node.cpus()).isEqualTo(16);
    assertThat(node.memoryMiB()).isEqualTo(OptionalLong.of(19284));
    assertThat(node.gpus())
        .containsExactly(
            new Gpu(0, "a100", 0, "", false),
            new Gpu(1, "a100", 0, "", false),
            new Gpu(2, "a100", 0, "", false),
            new Gpu(3, "a100", 0, "", false));
    assertThat(node.gpus().get(0).modelLabel()).isEqualTo("a100");
  }

  @Test
  void readsMixedGresUntypedGpusAndNodesWithout() {
    List<Agent> nodes =
        SlurmInventory.parse(
            String.join(
                "\n",
                "n1|(null)|gpu:a100:2(S:0-1),gpu:v100:1,shard:8|64+|512000+",
                "n2|cpu|(null)|128|256000",
                "n3|gpu|gpu:2|8|0",
                "n1|(null)|gpu:a100:2(S:0-1),gpu:v100:1,shard:8|64|512000"));

    assertThat(nodes).extracting(Agent::name).containsExactly("n1", "n2", "n3");
    assertThat(nodes.get(0).gpus()).extracting(Gpu::model).containsExactly("a100", "a100", "v100");
    assertThat(nodes.get(0).gpus()).extracting(Gpu::index).containsExactly(0, 1, 2);
    assertThat(nodes.get(0).labels()).containsExactly("n1");
    assertThat(nodes.get(0).cpus()).isEqualTo(64);
    assertThat(nodes.get(1).gpus()).isEmpty();
    assertThat(nodes.get(2).gpus()).extracting(Gpu::model).containsExactly("", "");
    assertThat(nodes.get(2).memoryMiB()).isEmpty();
  }

  @Test
  void missingSinfoSaysWhatToInstall() {
    SlurmCli missing =
        (argv, timeout) -> {
          throw new IOException("Cannot run program \"sinfo\": error=2, No such file or directory");
        };

    assertThatThrownBy(() -> SlurmInventory.read(missing))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("sinfo cannot be run")
        .hasMessageContaining("install them");
  }

  @Test
  void silentControllerSaysToCheckSlurmctld() {
    SlurmCli down =
        (argv, timeout) ->
            new SlurmCli.Result(
                1,
                "",
                "slurm_load_partitions: Unable to contact slurm controller (connect failure)\n");

    assertThatThrownBy(() -> SlurmInventory.read(down))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("the Slurm controller does not answer sinfo")
        .hasMessageContaining("scontrol ping");
  }
}
