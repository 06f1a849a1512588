package dev.baton.core.lease;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Who holds each GPU of some agents now, as {@code baton agents} shows it. */
public final class GpuHolders {
  private GpuHolders() {}

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
