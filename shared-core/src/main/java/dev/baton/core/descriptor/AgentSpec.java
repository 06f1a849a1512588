package dev.baton.core.descriptor;

import java.util.List;
import java.util.OptionalLong;

/**
 * An agent as declared in {@code agents:} or an {@code --agents} file.
 *
 * @param gpus the declared GPUs; empty list with {@code gpusDeclared=false}: detect them
 * @param simulated GPUs that this machine does not have are allowed (tests, demos)
 */
public record AgentSpec(
    String name,
    SourcePosition position,
    List<String> labels,
    int executors,
    int cpus,
    OptionalLong memoryMiB,
    List<GpuSpec> gpus,
    boolean gpusDeclared,
    boolean simulated) {

  public AgentSpec {
    labels = List.copyOf(labels);
    gpus = List.copyOf(gpus);
  }
}
