package dev.baton.core.schedule;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Feasibility;
import dev.baton.core.descriptor.AgentRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * Decides which ready steps start now, where, and on which GPU indices. Pure: the same agents,
 * usage and queue give the same placements, and nothing is started here.
 *
 * <p>Order: steps that have starved (passed over {@link #STARVATION_LIMIT} times by steps that
 * became ready after them) first, then {@code priority}, then the longest chain of dependents
 * (critical path first), then the larger GPU request (packs better), then readiness. The first
 * blocked GPU step that has been passed over holds a reservation on the agent where it fits best:
 * GPUs freed there go to it, not to smaller steps behind it, so a 4-GPU step is never starved by a
 * stream of 1-GPU steps (in the spirit of Slurm's reservation for its top job; without run-time
 * estimates there is no backfill into reserved GPUs). Agents are chosen best-fit: the one left with
 * the fewest free GPUs, so GPUs pack tightly.
 */
public final class Scheduler implements Placer {
  /** After this many later steps jump a waiting one, it goes first. */
  public static final int STARVATION_LIMIT = 4;

  private final List<Agent> agents;
  private final Map<String, Map<String, List<Integer>>> eligible = new HashMap<>();

  public Scheduler(List<Agent> agents) {
    this.agents = List.copyOf(agents);
  }

  public List<Agent> agents() {
    return agents;
  }

  /** The placements to start now, in the order to start them. {@code usage} is not changed. */
  @Override
  public List<Placement> decide(Collection<ReadyStep> queue, Usage usage) {
    Usage plan = usage.copy();
    if (everyAgentBusy(plan)) {
      return List.of();
    }
    Map<String, Set<Integer>> reserved = new HashMap<>();
    boolean reservationMade = false;
    List<Placement> out = new ArrayList<>();
    for (ReadyStep r : inOrder(queue)) {
      if (everyAgentBusy(plan)) {
        break; // nothing more can start now, and reservations only matter within this call
      }
      Placement p = place(r, plan, reserved);
      if (p != null) {
        plan.take(p.agent(), p.gpus(), r.step().agent(), r.step().concurrency());
        out.add(p);
      } else if (!reservationMade && r.step().agent().gpus() > 0 && r.passedOver() > 0) {
        reservationMade = reserve(r, plan, reserved);
      }
    }
    return out;
  }

  private boolean everyAgentBusy(Usage usage) {
    for (Agent a : agents) {
      if (usage.executorsBusy(a.name()) < a.executors()) {
        return false;
      }
    }
    return true;
  }

  private @Nullable Placement place(ReadyStep r, Usage usage, Map<String, Set<Integer>> reserved) {
    AgentRequest req = r.step().agent();
    if (r.step().concurrency().isPresent()) {
      var g = r.step().concurrency().get();
      if (usage.groupRunning(g.group()) >= g.limit()) {
        return null;
      }
    }
    Placement best = null;
    int bestScore = Integer.MAX_VALUE;
    for (int i = 0; i < agents.size(); i++) {
      Agent a = agents.get(i);
      List<Integer> free = freeGpus(r, a, usage, reserved);
      if (free == null || free.size() < req.gpus()) {
        continue;
      }
      int leftover = free.size() - req.gpus();
      Set<Integer> avoid = r.avoidGpus().getOrDefault(a.name(), Set.of());
      List<Integer> chosen = freshFirst(free, avoid).subList(0, req.gpus());
      boolean reuses = chosen.stream().anyMatch(avoid::contains);
      int score =
          (r.avoidAgents().contains(a.name()) ? 1_000_000 : 0)
              + (reuses ? 500_000 : 0)
              + leftover * 1000
              + i;
      if (score < bestScore) {
        bestScore = score;
        best = new Placement(r, a.name(), chosen);
      }
    }
    return best;
  }

  /**
   * The free GPUs an earlier attempt did not have first ({@code retry.otherGpu}), then those it
   * had: a retry takes other GPUs when enough are free and reuses its own rather than wait for
   * others, as {@code otherAgent} prefers another agent but does not insist.
   */
  private static List<Integer> freshFirst(List<Integer> free, Set<Integer> avoid) {
    if (avoid.isEmpty()) {
      return free;
    }
    List<Integer> ordered = new ArrayList<>(free.size());
    free.stream().filter(g -> !avoid.contains(g)).forEach(ordered::add);
    free.stream().filter(avoid::contains).forEach(ordered::add);
    return ordered;
  }

  /** Free eligible GPUs of {@code a} for {@code r}, or null when {@code a} cannot take it now. */
  private @Nullable List<Integer> freeGpus(
      ReadyStep r, Agent a, Usage usage, Map<String, Set<Integer>> reserved) {
    AgentRequest req = r.step().agent();
    List<Integer> fit = eligible(r, a);
    if (fit == null || usage.executorsBusy(a.name()) >= a.executors()) {
      return null;
    }
    if (req.cpus() > 0 && a.cpus() > 0 && usage.cpusBusy(a.name()) + req.cpus() > a.cpus()) {
      return null;
    }
    if (req.memoryMiB().isPresent()
        && a.memoryMiB().isPresent()
        && usage.memoryBusy(a.name()) + req.memoryMiB().getAsLong() > a.memoryMiB().getAsLong()) {
      return null;
    }
    List<Integer> free = new ArrayList<>();
    Set<Integer> busy = usage.gpusBusy(a.name());
    Set<Integer> held = reserved.getOrDefault(a.name(), Set.of());
    for (int g : fit) {
      if (!busy.contains(g) && !held.contains(g)) {
        free.add(g);
      }
    }
    return free;
  }

  private boolean reserve(ReadyStep r, Usage usage, Map<String, Set<Integer>> reserved) {
    Agent best = null;
    List<Integer> bestFree = List.of();
    for (Agent a : agents) {
      List<Integer> fit = eligible(r, a);
      if (fit == null) {
        continue;
      }
      List<Integer> free = new ArrayList<>();
      for (int g : fit) {
        if (!usage.gpusBusy(a.name()).contains(g)
            && !reserved.getOrDefault(a.name(), Set.of()).contains(g)) {
          free.add(g);
        }
      }
      if (best == null || free.size() > bestFree.size()) {
        best = a;
        bestFree = free;
      }
    }
    if (best == null) {
      return false;
    }
    reserved
        .computeIfAbsent(best.name(), k -> new HashSet<>())
        .addAll(bestFree.subList(0, Math.min(bestFree.size(), r.step().agent().gpus())));
    return true;
  }

  /** GPUs of {@code a} that could ever serve {@code r}, or null when {@code a} can never run it. */
  private @Nullable List<Integer> eligible(ReadyStep r, Agent a) {
    return eligible
        .computeIfAbsent(r.step().stepName(), k -> new HashMap<>())
        .computeIfAbsent(
            a.name(),
            k ->
                Feasibility.fits(r.step().agent(), a)
                    ? Feasibility.eligibleGpus(r.step().agent(), a)
                    : null);
  }

  /**
   * {@code queue} in {@link #ORDER}: itself when it is kept in that order (a sorted set of it, as
   * the run engine keeps its queue, so that placing a step does not sort every waiting one), else a
   * sorted copy.
   */
  public static Iterable<ReadyStep> inOrder(Collection<ReadyStep> queue) {
    if (queue instanceof SortedSet<ReadyStep> sorted && sorted.comparator() == ORDER) {
      return sorted;
    }
    List<ReadyStep> ordered = new ArrayList<>(queue);
    ordered.sort(ORDER);
    return ordered;
  }

  /** The order in which ready steps are placed; see the class comment. */
  public static final Comparator<ReadyStep> ORDER =
      Comparator.comparingInt((ReadyStep r) -> r.passedOver() >= STARVATION_LIMIT ? 0 : 1)
          .thenComparingInt(r -> -r.step().priority())
          .thenComparingInt(r -> -r.criticalPath())
          .thenComparingInt(r -> -r.step().agent().gpus())
          .thenComparingLong(ReadyStep::readySeq)
          .thenComparing(ReadyStep::id);
}
