package dev.baton.core.engine;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Feasibility;
import dev.baton.core.descriptor.ConcurrencySpec;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.lease.Lease;
import dev.baton.core.lease.LeaseHolder;
import dev.baton.core.lease.LeaseKey;
import dev.baton.core.lease.MachineLeases;
import dev.baton.core.schedule.Placement;
import dev.baton.core.schedule.ReadyStep;
import dev.baton.core.schedule.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the run engine asks before it starts a step: which GPUs and concurrency slots other Baton
 * processes on this machine (or foreign GPU work) hold now, so the scheduler plans around them; and
 * the machine-wide leases for each placement. A step whose GPUs are held elsewhere stays queued
 * (busy, not unschedulable), and the engine looks again every {@link #POLL}.
 */
final class LeaseGate implements AutoCloseable {
  /** How often a step that waits for another process's lease looks again. */
  static final Duration POLL = Duration.ofMillis(250);

  private final @Nullable MachineLeases leases; // null: this run leases nothing
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final boolean gpus;
  private final String runId;
  private final EventSink events;
  private final ForeignWork foreign;
  private final Duration timeout;
  private final Map<String, String> shown = new HashMap<>();
  private final Map<String, Instant> waitingSince = new HashMap<>();
  // What others held when the scheduler last planned: agent -> GPU -> who; group -> holders.
  private final Map<String, Map<Integer, String>> otherGpus = new HashMap<>();
  private final Map<String, Integer> otherSlots = new HashMap<>();
  private final Map<String, List<String>> slotHolders = new HashMap<>();
  private boolean pollPending;
  private final @Nullable CrossRunOrder order;

  LeaseGate(
      @Nullable MachineLeases leases,
      List<Agent> agents,
      RunSettings settings,
      EventSink events,
      ForeignWork foreign) {
    this.leases = leases;
    agents.forEach(a -> this.agents.put(a.name(), a));
    this.gpus = settings.assignGpus();
    this.runId = settings.runId();
    this.events = events;
    this.foreign = foreign;
    this.timeout = settings.leaseTimeout();
    this.order =
        leases == null ? null : new CrossRunOrder(leases.tickets(), runId, this.agents.values());
  }

  /** {@code usage} plus what others hold of what the queued steps need. */
  Usage overlay(Collection<ReadyStep> queue, Usage usage) {
    otherGpus.clear();
    otherSlots.clear();
    slotHolders.clear();
    MachineLeases machine = leases;
    if (machine == null || order == null) { // both null together: this run leases nothing
      return usage;
    }
    List<ReadyStep> gpuSteps = new ArrayList<>();
    Map<String, Integer> groups = new TreeMap<>();
    for (ReadyStep r : queue) {
      if (needsGpuLeases(r)) {
        gpuSteps.add(r);
      }
      machineGroup(r).ifPresent(g -> groups.merge(g.group(), g.limit(), Math::max));
    }
    if (!gpuSteps.isEmpty()) {
      heldGpus(machine, usage);
      order.keepBack(gpuSteps, waitingSince.keySet(), usage, otherGpus);
    }
    groups.forEach(
        (group, limit) -> {
          List<String> holders = new ArrayList<>();
          machine.groupHolders(group, limit).forEach(h -> holders.add(h.describe()));
          int others = Math.max(0, holders.size() - usage.groupRunning(group));
          if (others > 0) {
            otherSlots.put(group, others);
            slotHolders.put(group, holders);
          }
        });
    if (otherGpus.isEmpty() && otherSlots.isEmpty()) {
      return usage;
    }
    Map<String, Set<Integer>> held = new HashMap<>();
    otherGpus.forEach((a, m) -> held.put(a, m.keySet()));
    return usage.withOthers(held, otherSlots);
  }

  /**
   * Fills {@link #otherGpus}: the GPUs other processes hold, by their lease or, for a GPU nobody
   * leases, by foreign work on it. Each GPU's lease is probed once; those of this run's running
   * steps only when foreign work is watched, which needs every Baton step's process group.
   */
  private void heldGpus(MachineLeases machine, Usage usage) {
    boolean watched = foreign != ForeignWork.NONE;
    Map<String, Map<Integer, LeaseHolder>> holders = new HashMap<>();
    Set<Long> stepGroups = new HashSet<>();
    for (Agent a : agents.values()) {
      Set<Integer> mine = usage.gpusBusy(a.name());
      for (var g : a.gpus()) {
        if (!watched && mine.contains(g.index())) {
          continue;
        }
        Optional<LeaseHolder> h = machine.holder(LeaseKey.gpu(a, g.index()));
        h.filter(x -> x.stepGroup() > 0).ifPresent(x -> stepGroups.add(x.stepGroup()));
        if (h.isPresent() && !mine.contains(g.index())) {
          holders.computeIfAbsent(a.name(), k -> new HashMap<>()).put(g.index(), h.get());
        }
      }
    }
    Map<String, Map<Integer, String>> busyForeign = watched ? foreign.busy(stepGroups) : Map.of();
    for (Agent a : agents.values()) {
      Set<Integer> mine = usage.gpusBusy(a.name());
      Map<Integer, LeaseHolder> leased = holders.getOrDefault(a.name(), Map.of());
      Map<Integer, String> reasons = busyForeign.getOrDefault(a.name(), Map.of());
      for (var g : a.gpus()) {
        LeaseHolder h = leased.get(g.index());
        String why = h != null ? h.describe() : reasons.get(g.index());
        if (why != null && !mine.contains(g.index())) {
          otherGpus.computeIfAbsent(a.name(), k -> new TreeMap<>()).put(g.index(), why);
        }
      }
    }
  }

  /**
   * The machine-wide leases for {@code p}, taken without waiting; null when another process took
   * one of them since {@link #overlay} looked (the step stays queued and tries again).
   */
  @Nullable Lease acquire(Placement p) {
    ReadyStep r = p.ready();
    List<String> keys = new ArrayList<>();
    if (needsGpuLeases(r) && agents.containsKey(p.agent())) {
      Agent a = agents.get(p.agent());
      p.gpus().forEach(g -> keys.add(LeaseKey.gpu(a, g)));
    }
    Optional<MachineLeases.GroupClaim> group =
        machineGroup(r).map(g -> new MachineLeases.GroupClaim(g.group(), g.limit()));
    MachineLeases machine = leases;
    if (machine == null || (keys.isEmpty() && group.isEmpty())) {
      return Lease.NONE; // no lease directory: this run leases nothing
    }
    return machine.tryAcquire(keys, group, LeaseHolder.of(runId, r.id()));
  }

  @Override
  public void close() {
    if (order != null) {
      order.close();
    }
    if (foreign instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing a monitor only stops its thread.
      }
    }
  }

  /** How long the step waited for other processes' leases before this start; forgets it. */
  long startedAfterWaiting(String stepId) {
    forget(stepId);
    shown.remove(stepId);
    Instant since = waitingSince.remove(stepId);
    return since == null ? 0 : Duration.between(since, Instant.now()).toMillis();
  }

  /**
   * Says, once per change of reason, why each of {@code stillQueued} that would start if nothing
   * were held outside this run ({@code withoutOthers}: what the scheduler would then start) waits;
   * looks again after {@link #POLL}; returns those that waited past the lease timeout.
   */
  List<ReadyStep> explain(
      Collection<ReadyStep> stillQueued, EngineLoop loop, Supplier<List<Placement>> withoutOthers) {
    List<ReadyStep> expired = new ArrayList<>();
    if (otherGpus.isEmpty() && otherSlots.isEmpty()) {
      return expired;
    }
    pollSoon(loop);
    // Only steps that would start if nobody else held anything wait for others; the rest wait
    // for this run's own executors or GPUs, and are not told another run's story.
    Set<String> wouldStart = new HashSet<>();
    withoutOthers.get().forEach(p -> wouldStart.add(p.ready().id()));
    for (ReadyStep r : stillQueued) {
      if (!wouldStart.contains(r.id())) {
        continue;
      }
      String why = WaitReasons.describe(r, this::eligibleHeld, machineGroup(r), slotHolders);
      if (why == null) {
        continue;
      }
      Instant since = waitingSince.computeIfAbsent(r.id(), k -> Instant.now());
      // Said again when who holds what changes, not when a holder's step merely started.
      String key = why.replaceAll(" \\(pid [0-9]+\\)", "");
      if (!key.equals(shown.put(r.id(), key))) {
        events.accept(new RunEvent.StepWaiting(r.id(), why));
      }
      if (!timeout.isZero() && Duration.between(since, Instant.now()).compareTo(timeout) > 0) {
        expired.add(r);
      }
    }
    return expired;
  }

  /** Wakes the engine after {@link #POLL} to look at the leases again (one timer at a time). */
  void pollSoon(EngineLoop loop) {
    if (!pollPending) {
      pollPending = true;
      loop.after(POLL, false, () -> pollPending = false);
    }
  }

  /** Forgets a step that left the queue without starting. */
  void dropped(String stepId) {
    forget(stepId);
    shown.remove(stepId);
    waitingSince.remove(stepId);
  }

  private void forget(String stepId) {
    if (order != null) {
      order.forget(stepId);
    }
  }

  Duration timeout() {
    return timeout;
  }

  /** GPUs of each agent that could serve {@code r} and are held outside this run, with who. */
  private Map<String, Map<Integer, String>> eligibleHeld(ReadyStep r) {
    Map<String, Map<Integer, String>> out = new LinkedHashMap<>();
    otherGpus.forEach(
        (name, held) -> {
          Agent a = agents.get(name);
          if (a == null || !Feasibility.fits(r.step().agent(), a)) {
            return;
          }
          Map<Integer, String> mine = new TreeMap<>();
          for (int g : Feasibility.eligibleGpus(r.step().agent(), a)) {
            if (held.containsKey(g)) {
              mine.put(g, held.get(g));
            }
          }
          if (!mine.isEmpty()) {
            out.put(name, mine);
          }
        });
    return out;
  }

  private boolean needsGpuLeases(ReadyStep r) {
    return gpus && r.step().agent().gpus() > 0;
  }

  private Optional<ConcurrencySpec> machineGroup(ReadyStep r) {
    return leases == null
        ? Optional.empty()
        : r.step().concurrency().filter(ConcurrencySpec::machineWide);
  }

  /** GPUs busy with work that is not a Baton step, per agent and GPU index, with the reason. */
  interface ForeignWork {
    ForeignWork NONE = stepGroups -> Map.of();

    /**
     * Per agent and GPU index, why the GPU is busy with foreign work.
     *
     * @param stepGroups the process groups of the Baton steps holding GPU leases, of every run
     */
    Map<String, Map<Integer, String>> busy(Set<Long> stepGroups);
  }
}
