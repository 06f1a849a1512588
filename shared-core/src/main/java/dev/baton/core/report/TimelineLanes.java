package dev.baton.core.report;

import dev.baton.core.record.AgentRecord;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Lays the attempts of a run out on lanes: one lane per agent (attempts without GPUs) and one per
 * GPU of each agent, each lane split into as many rows as its attempts overlap.
 */
final class TimelineLanes {
  /** One attempt drawn on one lane, as offsets in milliseconds from the start of the run. */
  record Bar(long start, long end, StepState status, String stepId, String title) {}

  /** A labelled lane and its rows of non-overlapping bars. */
  record Lane(String label, boolean gpu, List<List<Bar>> rows) {}

  final Instant origin;
  final long span;
  final List<Lane> lanes;

  private TimelineLanes(Instant origin, long span, List<Lane> lanes) {
    this.origin = origin;
    this.span = span;
    this.lanes = lanes;
  }

  static TimelineLanes of(RunRecord record) {
    Instant origin = record.startedAt();
    Instant end = record.endedAt();
    for (StepRecord step : record.steps()) {
      for (AttemptRecord attempt : step.attempts()) {
        if (attempt.startedAt() != null) {
          origin = min(origin, attempt.startedAt());
          end = max(end, attempt.endedAt() == null ? attempt.startedAt() : attempt.endedAt());
        }
      }
    }
    if (origin == null) {
      return new TimelineLanes(Instant.EPOCH, 1, List.of());
    }
    end = end == null ? origin : end;
    Map<String, List<Bar>> barsByLane = new LinkedHashMap<>();
    Map<String, TreeSet<Integer>> gpusByAgent = new LinkedHashMap<>();
    for (AgentRecord agent : record.agents()) {
      TreeSet<Integer> gpus = gpusByAgent.computeIfAbsent(agent.name(), k -> new TreeSet<>());
      agent.gpus().forEach(gpu -> gpus.add(gpu.index()));
    }
    for (StepRecord step : record.steps()) {
      for (AttemptRecord attempt : step.attempts()) {
        String agent = attempt.agent() != null ? attempt.agent() : step.agent();
        if (attempt.startedAt() == null || agent == null) {
          continue;
        }
        TreeSet<Integer> gpus = gpusByAgent.computeIfAbsent(agent, k -> new TreeSet<>());
        Instant attemptEnd = attempt.endedAt() == null ? end : attempt.endedAt();
        Bar bar =
            new Bar(
                attempt.startedAt().toEpochMilli() - origin.toEpochMilli(),
                attemptEnd.toEpochMilli() - origin.toEpochMilli(),
                attempt.status(),
                step.id(),
                step.id() + " - " + AttemptText.describe(attempt));
        if (attempt.gpus().isEmpty()) {
          barsByLane.computeIfAbsent(agent, k -> new ArrayList<>()).add(bar);
        }
        for (int gpu : attempt.gpus()) {
          gpus.add(gpu);
          barsByLane.computeIfAbsent(gpuLane(agent, gpu), k -> new ArrayList<>()).add(bar);
        }
      }
    }
    List<Lane> lanes = new ArrayList<>();
    for (Map.Entry<String, TreeSet<Integer>> agent : gpusByAgent.entrySet()) {
      lanes.add(new Lane(agent.getKey(), false, pack(barsByLane.get(agent.getKey()))));
      for (int gpu : agent.getValue()) {
        String lane = gpuLane(agent.getKey(), gpu);
        lanes.add(new Lane(lane, true, pack(barsByLane.get(lane))));
      }
    }
    long span = Math.max(1, end.toEpochMilli() - origin.toEpochMilli());
    return new TimelineLanes(origin, span, lanes);
  }

  boolean hasBars() {
    return lanes.stream().anyMatch(lane -> !lane.rows().get(0).isEmpty());
  }

  static String gpuLane(String agent, int gpu) {
    return agent + ":gpu" + gpu;
  }

  /** Greedy interval packing: each bar goes to the first row that is free when it starts. */
  private static List<List<Bar>> pack(@Nullable List<Bar> bars) {
    List<List<Bar>> rows = new ArrayList<>();
    rows.add(new ArrayList<>());
    if (bars == null) {
      return rows;
    }
    List<Bar> sorted = new ArrayList<>(bars);
    sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
    for (Bar bar : sorted) {
      List<Bar> target = null;
      for (List<Bar> row : rows) {
        if (row.isEmpty() || row.get(row.size() - 1).end() <= bar.start()) {
          target = row;
          break;
        }
      }
      if (target == null) {
        target = new ArrayList<>();
        rows.add(target);
      }
      target.add(bar);
    }
    return rows;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
