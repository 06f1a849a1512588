package dev.baton.core.lease;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.ForeignGpuUse;
import dev.baton.core.agents.ForeignGpus;
import dev.baton.core.agents.Gpu;
import dev.baton.core.agents.GpuProcessQuery;
import dev.baton.core.agents.GpuProcesses;
import dev.baton.core.descriptor.GpuBusyPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, Map<Integer, String>> out = of(agents, leases);
    List<Gpu> real = new ArrayList<>();
    Set<Long> steps = new HashSet<>();
    for (Agent a : agents) {
      for (Gpu g : a.gpus()) {
        if (!g.simulated()) {
          real.add(g);
          leases
              .holder(LeaseKey.gpu(a, g.index()))
              .map(LeaseHolder::stepGroup)
              .filter(p -> p > 0)
              .ifPresent(steps::add);
        }
      }
    }
    if (real.isEmpty()) {
      return out;
    }
    GpuProcesses processes = new GpuProcessQuery(real, env).query();
    for (Agent a : agents) {
      if (a.hasSimulatedGpus()) {
        continue;
      }
      ForeignGpus foreign =
          new ForeignGpuUse().busyGpus(processes, a.gpus(), GpuBusyPolicy.DEFAULT, steps);
      Map<Integer, String> states = out.get(a.name());
      foreign.busy().forEach((g, why) -> states.replace(g, "free", why));
    }
    return out;
  }

  /** Per agent and GPU index: "held by run R, step S (pid P) since T", or "free". */
  public static Map<String, Map<Integer, String>> of(List<Agent> agents, MachineLeases leases) {
    Map<String, Map<Integer, String>> out = new LinkedHashMap<>();
    for (Agent a : agents) {
      Map<Integer, String> states = new TreeMap<>();
      for (Gpu g : a.gpus()) {
        states.put(
            g.index(),
            leases
                .holder(LeaseKey.gpu(a, g.index()))
                .map(LeaseHolder::describeWithStep)
                .orElse("free"));
      }
      out.put(a.name(), states);
    }
    return out;
  }
}
