package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.AgentInventory;
import dev.baton.core.agents.GpuDetection;
import dev.baton.core.agents.MachineFacts;
import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.exec.local.LocalExecutor;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Planner;
import dev.baton.core.record.StepState;
import dev.baton.core.secrets.RunSecrets;
import dev.baton.core.stages.AliasBaselines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that name no lease directory (or a platform that cannot lock files) lease nothing
 * machine-wide: a GPU step still starts, kept apart only from this run's own steps.
 */
class NoLeaseDirectoryRunTest {
  @TempDir Path dir;

  @Test
  void gpuStepRunsWhenTheSettingsNameNoLeaseDirectory() throws Exception {
    Path file = dir.resolve("baton.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: no-leases
        agents:
          - {name: a, labels: [gpu], gpus: 2, executors: 2, simulated: true}
        steps:
          train: {agent: {label: gpu, gpus: 1}, run: 'echo "$CUDA_VISIBLE_DEVICES"'}
        """);
    var d = DescriptorReader.read(file);
    Plan plan = Planner.plan(d, Map.of(), Set.of(), Optional.empty());
    MachineFacts machine = new MachineFacts("linux", "amd64", 2, 1024, GpuDetection.none(""));
    List<Agent> agents = AgentInventory.build(d.agents(), machine, 1);
    RunSettings settings =
        new RunSettings(
            "run-1",
            "no-leases",
            dir,
            dir.resolve("report"),
            0,
            true,
            Map.of("PATH", System.getenv("PATH")),
            Duration.ofSeconds(1),
            true,
            1L,
            RunSecrets.NONE,
            true,
            Optional.empty(),
            Duration.ZERO,
            Optional.empty(),
            AliasBaselines.NONE);

    EngineResult result = new RunEngine(plan, agents, new LocalExecutor(), e -> {}, settings).run();

    assertThat(result.steps().get(0).status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(result.steps().get(0).gpus()).hasSize(1);
  }
}
