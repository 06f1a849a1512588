package dev.baton.core.engine;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.ForeignGpuMonitor;
import dev.baton.core.agents.ForeignGpus;
import dev.baton.core.agents.Gpu;
import dev.baton.core.agents.GpuBusyPolicies;
import dev.baton.core.descriptor.GpuBusyPolicy;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which real GPUs are busy with work that is not a Baton step (a notebook, a leftover training
 * job), as {@code nvidia-smi} lists it: a process counts as a Baton step when its session is the
 * process group of a step holding a GPU lease on this machine, of any run (the lease gate reads
 * those groups as it probes the leases).
 */
final class ForeignGpuCheck implements LeaseGate.ForeignWork, AutoCloseable {
  private final ForeignGpuMonitor monitor;
  private final List<Agent> agents;
  private final Map<String, GpuBusyPolicy> policies;
  private final GpuBusyPolicy fallback;

  private ForeignGpuCheck(
      ForeignGpuMonitor monitor,
      List<Agent> agents,
      Map<String, GpuBusyPolicy> policies,
      GpuBusyPolicy fallback) {
    this.monitor = monitor;
    this.agents = agents;
    this.policies = policies;
    this.fallback = fallback;
  }

  /** Watches the real GPUs of {@code agents}; notices about {@code nvidia-smi} go to events. */
  static ForeignGpuCheck start(
      PipelineDescriptor descriptor,
      List<Agent> agents,
      Map<String, String> env,
      EventSink events) {
    Map<Integer, Gpu> real = new LinkedHashMap<>();
    for (Agent a : agents) {
      for (Gpu g : a.gpus()) {
        // Only GPUs nvidia-smi reported (they have a UUID): its process list names GPUs by UUID,
        // and GPUs given from outside (a single step given locked GPUs) on a machine without it are
        // not watched.
        if (!g.simulated() && !g.uuid().isEmpty()) {
          real.putIfAbsent(g.index(), g);
        }
      }
    }
    ForeignGpuMonitor monitor =
        ForeignGpuMonitor.start(
            new ArrayList<>(real.values()),
            env,
            problem -> events.accept(new RunEvent.Notice(RunEvent.Level.WARNING, problem)));
    // nvidia-smi's own time limit bounds this; a machine without real GPUs does not wait at all.
    monitor.awaitFirstAnswer(Duration.ofSeconds(8));
    return new ForeignGpuCheck(
        monitor,
        List.copyOf(agents),
        GpuBusyPolicies.byAgent(descriptor.agents(), descriptor.gpuBusy()),
        descriptor.gpuBusy());
  }

  @Override
  public Map<String, Map<Integer, String>> busy(Set<Long> steps) {
    Map<String, Map<Integer, String>> out = new HashMap<>();
    for (Agent a : agents) {
      if (a.gpus().isEmpty() || a.hasSimulatedGpus() || !watched(a)) {
        continue;
      }
      ForeignGpus f = monitor.busyGpus(a, policies.getOrDefault(a.name(), fallback), steps);
      if (!f.known()) {
        // One reason for every GPU, so the waiting line says it once.
        Map<Integer, String> unknown = new HashMap<>();
        f.busy().keySet().forEach(g -> unknown.put(g, "not handed out: " + f.problem()));
        out.put(a.name(), unknown);
      } else if (!f.busy().isEmpty()) {
        out.put(a.name(), f.busy());
      }
    }
    return out;
  }

  private static boolean watched(Agent a) {
    return a.gpus().stream().anyMatch(g -> !g.uuid().isEmpty());
  }

  @Override
  public void close() {
    monitor.close();
  }
}
