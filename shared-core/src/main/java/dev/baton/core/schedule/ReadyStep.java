package dev.baton.core.schedule;

import dev.baton.core.plan.PlannedStep;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A step whose needs are met, waiting for an agent.
 *
 * @param readySeq when it became ready, as a sequence number (smaller: earlier; steps that became
 *     ready together share one)
 * @param passedOver how many times steps that became ready after it were placed while it waited;
 *     past a limit it starves no longer: it goes first and holds a reservation
 * @param avoidAgents agents to avoid when another fits ({@code retry.otherAgent})
 * @param criticalPath the number of steps on the longest chain of dependents, itself included
 * @param avoidGpus GPU indices per agent to avoid when others are free ({@code retry.otherGpu})
 */
public record ReadyStep(
    PlannedStep step,
    int attempt,
    long readySeq,
    int passedOver,
    Set<String> avoidAgents,
    int criticalPath,
    Map<String, Set<Integer>> avoidGpus) {

  public ReadyStep {
    avoidAgents = Set.copyOf(avoidAgents);
    Map<String, Set<Integer>> frozen = new HashMap<>();
    avoidGpus.forEach((agent, gpus) -> frozen.put(agent, Set.copyOf(gpus)));
    avoidGpus = Map.copyOf(frozen);
  }

  /** A step that avoids no GPU. */
  public ReadyStep(
      PlannedStep step,
      int attempt,
      long readySeq,
      int passedOver,
      Set<String> avoidAgents,
      int criticalPath) {
    this(step, attempt, readySeq, passedOver, avoidAgents, criticalPath, Map.of());
  }

  public String id() {
    return step.id();
  }

  // Steps are compared by id, not by their whole plan: within a run an id names one step, and a
  // queue of hundreds compared deep records on every removal.
  @Override
  public boolean equals(Object o) {
    return o instanceof ReadyStep r
        && step.id().equals(r.step.id())
        && attempt == r.attempt
        && readySeq == r.readySeq
        && passedOver == r.passedOver
        && criticalPath == r.criticalPath
        && avoidAgents.equals(r.avoidAgents)
        && avoidGpus.equals(r.avoidGpus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(step.id(), attempt, readySeq, passedOver, criticalPath);
  }

  public ReadyStep passedOverOnceMore() {
    return new ReadyStep(
        step, attempt, readySeq, passedOver + 1, avoidAgents, criticalPath, avoidGpus);
  }
}
