package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.descriptor.AgentSpec;
import dev.baton.core.descriptor.GpuSpec;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentInventoryTest {
  @TempDir Path dir;

  private static final GpuDetection FOUR_GPUS =
      new GpuDetection(
          List.of(
              new Gpu(0, "NVIDIA A100-SXM4-80GB", 81920, "GPU-0", false),
              new Gpu(1, "NVIDIA A100-SXM4-80GB", 81920, "GPU-1", false),
              new Gpu(2, "NVIDIA H100 80GB HBM3", 81559, "GPU-2", false),
              new Gpu(3, "NVIDIA H100 80GB HBM3", 81559, "GPU-3", false)),
          "");

  private static MachineFacts machine(GpuDetection gpus) {
    return new MachineFacts("linux", "amd64", 16, 65536, gpus);
  }

  private static AgentSpec agent(String name, int line, int gpus, boolean simulated) {
    List<GpuSpec> specs = new ArrayList<>();
    for (int i = 0; i < gpus; i++) {
      specs.add(new GpuSpec("", OptionalLong.empty()));
    }
    return new AgentSpec(
        name,
        new SourcePosition("baton.yaml", line, 5),
        List.of("linux"),
        0,
        0,
        OptionalLong.empty(),
        specs,
        gpus >= 0,
        simulated,
        Optional.empty());
  }

  private static AgentSpec undeclaredGpus(String name) {
    return new AgentSpec(
        name,
        new SourcePosition("baton.yaml", 3, 5),
        List.of(),
        2,
        4,
        OptionalLong.of(8192),
        List.of(),
        false,
        false,
        Optional.empty());
  }

  @Test
  void withoutDeclaredAgentsTheMachineIsOneLocalAgentWithItsGpus() {
    List<Agent> agents = AgentInventory.build(List.of(), machine(FOUR_GPUS), 0);

    assertThat(agents).hasSize(1);
    Agent local = agents.get(0);
    assertThat(local.name()).isEqualTo("local");
    assertThat(local.labels())
        .containsExactlyInAnyOrder("local", "linux", "amd64", "x86_64", "gpu", "a100", "h100");
    assertThat(local.executors()).isEqualTo(16);
    assertThat(local.cpus()).isEqualTo(16);
    assertThat(local.memoryMiB()).hasValue(65536);
    assertThat(local.gpus()).extracting(Gpu::index).containsExactly(0, 1, 2, 3);
  }

  @Test
  void localAgentWithoutGpusHasNoGpuLabelAndUsesTheParallelSetting() {
    MachineFacts arm = new MachineFacts("macos", "aarch64", 8, 0, GpuDetection.none("none"));

    Agent local = AgentInventory.build(List.of(), arm, 3).get(0);

    assertThat(local.labels()).containsExactlyInAnyOrder("local", "macos", "aarch64", "arm64");
    assertThat(local.executors()).isEqualTo(3);
    assertThat(local.memoryMiB()).isEmpty();
    assertThat(local.gpus()).isEmpty();
  }

  @Test
  void declaredAgentsPartitionDetectedGpusInOrderKeepingRealIndices() {
    List<Agent> agents =
        AgentInventory.build(
            List.of(agent("ws1", 3, 2, false), agent("ws2", 8, 2, false)), machine(FOUR_GPUS), 0);

    assertThat(agents.get(0).gpus()).extracting(Gpu::index).containsExactly(0, 1);
    assertThat(agents.get(0).labels()).containsExactlyInAnyOrder("ws1", "linux", "gpu", "a100");
    assertThat(agents.get(1).gpus()).extracting(Gpu::index).containsExactly(2, 3);
    assertThat(agents.get(1).labels()).containsExactlyInAnyOrder("ws2", "linux", "gpu", "h100");
    assertThat(agents).allMatch(a -> a.executors() == 16 && a.cpus() == 16);
  }

  @Test
  void declaringMoreGpusThanAreLeftIsAnErrorNamingTheAgentAndItsPosition() {
    List<AgentSpec> declared = List.of(agent("ws1", 3, 2, false), agent("ws2", 8, 4, false));

    assertThatThrownBy(() -> AgentInventory.build(declared, machine(FOUR_GPUS), 0))
        .isInstanceOfSatisfying(
            DescriptorException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              DescriptorProblem problem = e.problems().get(0);
              assertThat(problem.position()).isEqualTo(new SourcePosition("baton.yaml", 8, 5));
              assertThat(problem.format())
                  .isEqualTo(
                      "baton.yaml:8:5: agent ws2 declares 4 GPUs but this machine has 2 left"
                          + " (4 detected); set simulated: true to simulate GPUs in tests and"
                          + " demos");
            });
  }

  @Test
  void everyAgentAskingTooMuchIsReportedAtOnce() {
    List<AgentSpec> declared = List.of(agent("ws1", 3, 1, false), agent("ws2", 8, 1, false));

    assertThatThrownBy(
            () -> AgentInventory.build(declared, machine(GpuDetection.none("no smi")), 0))
        .isInstanceOfSatisfying(
            DescriptorException.class,
            e ->
                assertThat(e.problems())
                    .extracting(DescriptorProblem::message)
                    .containsExactly(
                        "agent ws1 declares 1 GPU but no GPUs were detected on this machine",
                        "agent ws2 declares 1 GPU but no GPUs were detected on this machine"));
  }

  @Test
  void simulatedAgentsGetTheirOwnGpusNumberedFromZero() {
    AgentSpec sim =
        new AgentSpec(
            "sim",
            new SourcePosition("baton.yaml", 3, 5),
            List.of("demo"),
            1,
            0,
            OptionalLong.empty(),
            List.of(
                new GpuSpec("A100", OptionalLong.of(40960)), new GpuSpec("", OptionalLong.empty())),
            true,
            true,
            Optional.empty());

    List<Agent> agents =
        AgentInventory.build(List.of(agent("ws1", 1, 4, false), sim), machine(FOUR_GPUS), 0);

    Agent agent = agents.get(1);
    assertThat(agent.gpus())
        .containsExactly(
            new Gpu(0, "A100", 40960, "", true), new Gpu(1, "Simulated GPU", 0, "", true));
    assertThat(agent.hasSimulatedGpus()).isTrue();
    assertThat(agent.labels()).contains("sim", "demo", "gpu", "a100");
    assertThat(agent.executors()).isEqualTo(1);
    assertThat(agents.get(0).gpus()).hasSize(4);
  }

  @Test
  void simulatedGpusWorkOnAMachineWithoutAny() {
    List<Agent> agents =
        AgentInventory.build(
            List.of(agent("sim", 1, 8, true)), machine(GpuDetection.none("no smi")), 0);

    assertThat(agents.get(0).gpus()).extracting(Gpu::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void onlyDeclaredAgentWithoutGpusKeyGetsAllDetectedGpus() {
    Agent only = AgentInventory.build(List.of(undeclaredGpus("box")), machine(FOUR_GPUS), 0).get(0);

    assertThat(only.gpus()).hasSize(4);
    assertThat(only.labels()).containsExactlyInAnyOrder("box", "gpu", "a100", "h100");
    assertThat(only.executors()).isEqualTo(2);
    assertThat(only.cpus()).isEqualTo(4);
    assertThat(only.memoryMiB()).hasValue(8192);
  }

  @Test
  void agentWithoutGpusKeyAmongSeveralGetsNone() {
    List<Agent> agents =
        AgentInventory.build(
            List.of(undeclaredGpus("cpu"), agent("ws1", 5, 2, false)), machine(FOUR_GPUS), 0);

    assertThat(agents.get(0).gpus()).isEmpty();
    assertThat(agents.get(0).labels()).containsExactly("cpu");
    assertThat(agents.get(1).gpus()).extracting(Gpu::index).containsExactly(0, 1);
  }

  @Test
  void declaredModelThatDiffersFromTheDetectedGpuIsAnError() {
    AgentSpec wrong =
        new AgentSpec(
            "ws1",
            new SourcePosition("baton.yaml", 3, 5),
            List.of(),
            0,
            0,
            OptionalLong.empty(),
            List.of(new GpuSpec("H100", OptionalLong.empty())),
            true,
            false,
            Optional.empty());

    assertThatThrownBy(() -> AgentInventory.build(List.of(wrong), machine(FOUR_GPUS), 0))
        .isInstanceOf(DescriptorException.class)
        .hasMessage(
            "baton.yaml:3:5: agent ws1 declares a GPU of model H100 but is given GPU 0"
                + " (NVIDIA A100-SXM4-80GB); declare model 'a100' or leave the model out");
  }

  @Test
  void machineFactsFindGpusThroughTheFakeNvidiaSmiOnPath() {
    Path bin = FakeNvidiaSmi.install(dir, "four-gpus");

    MachineFacts facts = MachineFacts.detect(FakeNvidiaSmi.pathWith(bin));
    Agent local = AgentInventory.build(List.of(), facts, 0).get(0);

    assertThat(facts.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(facts.os()).isNotBlank();
    assertThat(local.labels()).contains("local", facts.os(), facts.arch(), "gpu", "a100", "h100");
    assertThat(local.gpus()).hasSize(4);
  }

  @Test
  void operatingSystemNamesBecomeShortLabels() {
    assertThat(MachineFacts.normaliseOs("Linux")).isEqualTo("linux");
    assertThat(MachineFacts.normaliseOs("Mac OS X")).isEqualTo("macos");
    assertThat(MachineFacts.normaliseOs("Windows 11")).isEqualTo("windows");
    assertThat(MachineFacts.normaliseOs("Free BSD")).isEqualTo("free-bsd");
  }
}
