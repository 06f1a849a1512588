package dev.baton.core.descriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Finds unknown {@code needs} and cycles between steps, printing each cycle's path. */
public final class DagChecker {
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
    for (String start : names) {
      List<String> path = new ArrayList<>();
      findCycle(d, start, path, new HashSet<>(), done, problems, reported);
    }
  }

  private static void findCycle(
      PipelineDescriptor d,
      String at,
      List<String> path,
      Set<String> onPath,
      Set<String> done,
      List<DescriptorProblem> problems,
      Set<String> reported) {
    if (done.contains(at)) {
      return;
    }
    if (onPath.contains(at)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
      cycle.add(at);
      Set<String> key = new java.util.TreeSet<>(cycle);
      if (reported.add(String.join(",", key))) {
        StepSpec first = d.steps().get(at);
        problems.add(
            new DescriptorProblem(
                first.position(),
                "steps form a cycle: " + String.join(" -> ", cycle) + " (each needs the next)",
                "remove one of these needs so the steps can run in order"));
      }
      return;
    }
    StepSpec step = d.steps().get(at);
    if (step == null) {
      return;
    }
    onPath.add(at);
    path.add(at);
    for (String need : step.needs()) {
      if (!need.equals(at)) {
        findCycle(d, need, path, onPath, done, problems, reported);
      }
    }
    path.remove(path.size() - 1);
    onPath.remove(at);
    done.add(at);
  }
}
