package dev.baton.core.agents;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A place steps run: this machine, a declared virtual agent on it, a Slurm node or a Jenkins agent.
 *
 * @param labels what label expressions match against (includes the name)
 * @param executors how many steps it runs at once
 * @param cpus cores it has (0: unknown)
 * @param memoryMiB memory, when known
 */
public record Agent(
    String name,
    Set<String> labels,
    int executors,
    int cpus,
    OptionalLong memoryMiB,
    List<Gpu> gpus) {

  public Agent {
    labels = Set.copyOf(labels);
    gpus = List.copyOf(gpus);
  }

  public boolean hasSimulatedGpus() {
    return gpus.stream().anyMatch(Gpu::simulated);
  }
}
