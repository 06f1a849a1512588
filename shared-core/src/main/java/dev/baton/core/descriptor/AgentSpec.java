package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An agent as declared in {@code agents:} or an agents file.
 *
 * @param gpus the declared GPUs; empty list with {@code gpusDeclared=false}: detect them
 * @param simulated GPUs that this machine does not have are allowed (tests, demos)
 * @param gpuBusy its own {@code gpuBusy:}; empty: the descriptor's, else {@link
 *     GpuBusyPolicy#DEFAULT}
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
    boolean simulated,
    Optional<GpuBusyPolicy> gpuBusy) {

  public AgentSpec {
    labels = List.copyOf(labels);
    gpus = List.copyOf(gpus);
    gpuBusy = gpuBusy == null ? Optional.empty() : gpuBusy;
  }

  /** The same agent with {@code policy} as its {@code gpuBusy:} unless it sets its own. */
  public AgentSpec withDefaultGpuBusy(GpuBusyPolicy policy) {
    if (gpuBusy.isPresent()) {
      return this;
    }
    return new AgentSpec(
        name,
        position,
        labels,
        executors,
        cpus,
        memoryMiB,
        gpus,
        gpusDeclared,
        simulated,
        Optional.of(policy));
  }
}
