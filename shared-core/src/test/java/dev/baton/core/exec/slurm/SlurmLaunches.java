package dev.baton.core.exec.slurm;

import dev.baton.core.descriptor.AgentRequest;
import java.util.OptionalLong;

/** The agent requests the Slurm tests submit steps with. */
final class SlurmLaunches {
  private SlurmLaunches() {}

  static AgentRequest gpus(int n) {
    return new AgentRequest("", n, OptionalLong.empty(), "", 0, OptionalLong.empty());
  }

  static AgentRequest request(String label, int gpus, String model, int cpus, long memoryMiB) {
    return new AgentRequest(
        label,
        gpus,
        OptionalLong.empty(),
        model,
        cpus,
        memoryMiB > 0 ? OptionalLong.of(memoryMiB) : OptionalLong.empty());
  }
}
