package dev.baton.core.engine;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Feasibility;
import dev.baton.core.lease.WaitTicket;
import dev.baton.core.lease.WaitTickets;
import dev.baton.core.schedule.ReadyStep;
import dev.baton.core.schedule.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Serves GPU steps waiting in different runs in one order: higher priority first, then the earlier
 * request. A step of this run that waits for GPUs held elsewhere files a ticket; free GPUs are kept
 * back for the tickets of other runs served before this run's best waiting step, so a 4-GPU step of
 * one run is not starved by a stream of 1-GPU steps of others.
 */
final class CrossRunOrder implements AutoCloseable {
  private final WaitTickets tickets;
  private final String runId;
  private final Collection<Agent> agents;
  private final Map<String, Instant> queuedAt = new HashMap<>();

  CrossRunOrder(WaitTickets tickets, String runId, Collection<Agent> agents) {
    this.tickets = tickets;
    this.runId = runId;
    this.agents = agents;
  }

  /**
   * Files the tickets of {@code gpuSteps} that are {@code waiting}, and marks in {@code held} (per
   * agent and GPU index, with why) the free GPUs kept back for other runs' earlier tickets.
   */
  void keepBack(
      List<ReadyStep> gpuSteps,
      Set<String> waiting,
      Usage usage,
      Map<String, Map<Integer, String>> held) {
    WaitTicket best = null;
    for (ReadyStep r : gpuSteps) {
      WaitTicket t = ticket(r);
      if (waiting.contains(r.id())) {
        tickets.file(t);
      }
      if (best == null || t.before(best)) {
        best = t;
      }
    }
    List<WaitTicket> others = new ArrayList<>(tickets.others());
    others.sort((a, b) -> a.before(b) ? -1 : b.before(a) ? 1 : 0);
    for (WaitTicket t : others) {
      if (best != null && t.before(best)) {
        reserve(t, usage, held);
      }
    }
  }

  /** Forgets a step that started or left the queue, withdrawing its ticket. */
  void forget(String stepId) {
    queuedAt.remove(stepId);
    tickets.withdraw(runId, stepId);
  }

  @Override
  public void close() {
    tickets.close();
  }

  private WaitTicket ticket(ReadyStep r) {
    List<String> pools = new ArrayList<>();
    for (Agent a : agents) {
      if (Feasibility.fits(r.step().agent(), a)) {
        pools.add(pool(a));
      }
    }
    Instant at = queuedAt.computeIfAbsent(r.id(), k -> Instant.now());
    return new WaitTicket(runId, r.id(), r.step().priority(), at, r.step().agent().gpus(), pools);
  }

  /**
   * The GPUs an agent's leases are drawn from, as tickets name them: this machine's, or a simulated
   * agent's own.
   */
  private static String pool(Agent a) {
    return a.hasSimulatedGpus() ? "simulated " + a.name() : "this machine";
  }

  /** Marks free GPUs of the first of {@code t}'s GPU pools this run has as held for {@code t}. */
  private void reserve(WaitTicket t, Usage usage, Map<String, Map<Integer, String>> held) {
    for (String wanted : t.agents()) {
      Agent a = agents.stream().filter(x -> pool(x).equals(wanted)).findFirst().orElse(null);
      if (a == null) {
        continue;
      }
      Map<Integer, String> kept = held.computeIfAbsent(a.name(), k -> new TreeMap<>());
      int left = t.gpus();
      for (var g : a.gpus()) {
        if (left > 0
            && !usage.gpusBusy(a.name()).contains(g.index())
            && !kept.containsKey(g.index())) {
          kept.put(
              g.index(),
              "kept for run " + t.runId() + ", step " + t.stepId() + ", which waits longer");
          left--;
        }
      }
      if (kept.isEmpty()) {
        held.remove(a.name());
      }
      return;
    }
  }
}
