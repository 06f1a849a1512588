package dev.baton.core.descriptor;

import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.DidYouMean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds unknown {@code needs} and cycles between steps, printing each cycle's path. Walks the graph
 * with its own stack: a chain of 100,000 steps is as deep as the user makes it, and must not
 * overflow the thread's.
 */
public final class DagChecker {
  /** Cycles reported at most: past a few, more names help no one fix the descriptor. */
  static final int MAX_CYCLES = 20;

  /** Closing needs described at most; each costs its cycle's length. */
  private static final int MAX_CLOSINGS = 1_000;

  private static final int SHOWN_ENDS = 5;

  private DagChecker() {}

  /** Adds a problem for every unknown or self {@code needs} and every cycle, with its path. */
  public static void check(PipelineDescriptor d, List<DescriptorProblem> problems) {
    Set<String> names = d.steps().keySet();
    for (StepSpec s : d.steps().values()) {
      for (String need : s.needs()) {
        if (need.equals(s.name())) {
          problems.add(
              new DescriptorProblem(
                  s.position(),
                  "step '" + s.name() + "' needs itself",
                  "remove '" + need + "' from its needs"));
        } else if (!names.contains(need)) {
          String hint = DidYouMean.hint(need, names);
          problems.add(
              new DescriptorProblem(
                  s.position(),
                  "step '" + s.name() + "' needs '" + need + "', which is not a step",
                  hint.isEmpty() ? "steps are: " + String.join(", ", names) : hint));
        }
      }
    }
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    int[] closings = {0};
    for (String start : names) {
      findCycles(d, start, done, problems, reported, closings);
    }
  }

  /** A step on the walk's path and the needs of it not yet followed. */
  private record Frame(String step, Iterator<String> needs) {}

  /** Depth-first from {@code start}: a need already on the path closes a cycle. */
  private static void findCycles(
      PipelineDescriptor d,
      String start,
      Set<String> done,
      List<DescriptorProblem> problems,
      Set<String> reported,
      int[] closings) {
    if (done.contains(start) || !d.steps().containsKey(start)) {
      return;
    }
    Deque<Frame> stack = new ArrayDeque<>();
    // The path in order, with each step's place in it: a cycle is the path from that place on.
    Map<String, Integer> onPath = new LinkedHashMap<>();
    List<String> path = new ArrayList<>();
    push(d, start, stack, onPath, path);
    while (!stack.isEmpty()) {
      Frame top = stack.peek();
      if (!top.needs().hasNext()) {
        stack.pop();
        path.remove(path.size() - 1);
        onPath.remove(top.step());
        done.add(top.step());
        continue;
      }
      String need = top.needs().next();
      if (need.equals(top.step()) || done.contains(need) || !d.steps().containsKey(need)) {
        continue; // self needs and unknown steps are reported above
      }
      Integer at = onPath.get(need);
      if (at != null) {
        // Each closing need costs the cycle's length to describe; a few name every real mistake.
        if (reported.size() < MAX_CYCLES && closings[0]++ < MAX_CLOSINGS) {
          report(d, path.subList(at, path.size()), need, problems, reported);
        }
        continue;
      }
      push(d, need, stack, onPath, path);
    }
  }

  private static void push(
      PipelineDescriptor d,
      String step,
      Deque<Frame> stack,
      Map<String, Integer> onPath,
      List<String> path) {
    onPath.put(step, path.size());
    path.add(step);
    stack.push(
        new Frame(step, Objects.requireNonNull(d.steps().get(step), step).needs().iterator()));
  }

  private static void report(
      PipelineDescriptor d,
      List<String> fromNeed,
      String need,
      List<DescriptorProblem> problems,
      Set<String> reported) {
    List<String> cycle = new ArrayList<>(fromNeed);
    cycle.add(need);
    if (reported.add(String.join(",", new TreeSet<>(cycle)))) {
      problems.add(
          new DescriptorProblem(
              Objects.requireNonNull(d.steps().get(need), need).position(),
              "steps form a cycle: " + shown(cycle) + " (each needs the next)",
              "remove one of these needs so the steps can run in order"));
    }
  }

  /** The cycle's path; a long one shortened to its ends, so the message stays readable. */
  private static String shown(List<String> cycle) {
    if (cycle.size() <= SHOWN_ENDS * 2 + 1) {
      return String.join(" -> ", cycle);
    }
    return String.join(" -> ", cycle.subList(0, SHOWN_ENDS))
        + " -> ... ("
        + (cycle.size() - 2 * SHOWN_ENDS)
        + " more steps) -> "
        + String.join(" -> ", cycle.subList(cycle.size() - SHOWN_ENDS, cycle.size()));
  }
}
