package dev.baton.core.agents;

import dev.baton.core.descriptor.AgentSpec;
import dev.baton.core.descriptor.GpuBusyPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which {@code gpuBusy:} policy each agent of a run follows. */
public final class GpuBusyPolicies {
  private GpuBusyPolicies() {}

  /**
   * The policy by agent name: an agent's own {@code gpuBusy:}, else {@code descriptorDefault} (the
   * descriptor's top-level {@code gpuBusy:}); the {@code local} agent, used when none are declared,
   * follows {@code descriptorDefault}.
   */
  public static Map<String, GpuBusyPolicy> byAgent(
      List<AgentSpec> declared, GpuBusyPolicy descriptorDefault) {
    Map<String, GpuBusyPolicy> policies = new LinkedHashMap<>();
    if (declared.isEmpty()) {
      policies.put(AgentInventory.LOCAL, descriptorDefault);
    }
    for (AgentSpec spec : declared) {
      policies.put(spec.name(), spec.gpuBusy().orElse(descriptorDefault));
    }
    return Map.copyOf(policies);
  }
}
