package dev.baton.core.lease;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.ForeignGpuUse;
import dev.baton.core.agents.Gpu;
import dev.baton.core.agents.GpuProcessQuery;
import dev.baton.core.agents.GpuProcesses;
import dev.baton.core.descriptor.GpuBusyPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Who holds each GPU of some agents now, as {@code baton agents} shows it. */
public final class GpuHolders {
  private GpuHolders() {}

  /**
   * Per agent and GPU index: "held by run R, step S (pid P) since T"; for a GPU no Baton step
   * holds, what {@code nvidia-smi} lists on it that is not a Baton step; else "free".
   *
   * @param env whose {@code PATH} finds {@code nvidia-smi} (asked only when there are real GPUs)
   */
  public static Map<String, Map<Integer, String>> of(
      List<Agent> agents, MachineLeases leases, Map<String, String> env) {
    Map<String, Map<Integer, Optional<LeaseHolder>>> holders = new LinkedHashMap<>();
    List<Gpu> real = new ArrayList<>();
    Set<Long> steps = new HashSet<>();
    for (Agent a : agents) {
      Map<Integer, Optional<LeaseHolder>> byGpu = new TreeMap<>();
      for (Gpu g : a.gpus()) {
        Optional<LeaseHolder> h = leases.holder(LeaseKey.gpu(a, g.index()));
        byGpu.put(g.index(), h);
        if (!g.simulated()) {
          real.add(g);
          h.map(LeaseHolder::stepGroup).filter(p -> p > 0).ifPresent(steps::add);
        }
      }
      holders.put(a.name(), byGpu);
    }
    GpuProcesses processes =
        real.isEmpty() ? GpuProcesses.of(List.of()) : new GpuProcessQuery(real, env).query();
    Map<String, Map<Integer, String>> out = new LinkedHashMap<>();
    for (Agent a : agents) {
      Map<Integer, String> foreign =
          a.hasSimulatedGpus() || real.isEmpty()
              ? Map.of()
              : new ForeignGpuUse()
                  .busyGpus(processes, a.gpus(), GpuBusyPolicy.DEFAULT, steps)
                  .busy();
      Map<Integer, String> states = new TreeMap<>();
      Objects.requireNonNull(holders.get(a.name()), a.name())
          .forEach(
              (g, h) ->
                  states.put(
                      g,
                      h.map(LeaseHolder::describeWithStep)
                          .orElse(foreign.getOrDefault(g, "free"))));
      out.put(a.name(), states);
    }
    return out;
  }
}
