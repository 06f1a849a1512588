package dev.baton.core.plan;

import dev.baton.core.api.UsageException;
import dev.baton.core.descriptor.DidYouMean;
import dev.baton.core.descriptor.StepKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Narrows a plan to chosen steps (by id, name or kind) and everything they need. */
final class Selection {
  private Selection() {}

  static List<PlannedStep> select(
      List<PlannedStep> ordered, Set<String> only, Optional<StepKind> kind) {
    if (only.isEmpty() && kind.isEmpty()) {
      return ordered;
    }
    Map<String, PlannedStep> byId = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (PlannedStep s : ordered) {
      byId.put(s.id(), s);
      names.add(s.stepName());
    }
    Deque<String> todo = new ArrayDeque<>();
    for (String wanted : only) {
      boolean found = false;
      for (PlannedStep s : ordered) {
        if (s.id().equals(wanted) || s.stepName().equals(wanted)) {
          todo.add(s.id());
          found = true;
        }
      }
      if (!found) {
        Set<String> candidates = new HashSet<>(names);
        candidates.addAll(byId.keySet());
        String hint = DidYouMean.hint(wanted, candidates);
        throw new UsageException(
            "no step '"
                + wanted
                + "' in this pipeline; "
                + (hint.isEmpty() ? "steps are: " + String.join(", ", names) : hint));
      }
    }
    if (kind.isPresent()) {
      for (PlannedStep s : ordered) {
        if (s.kind() == kind.get() && (only.isEmpty() || todo.contains(s.id()))) {
          todo.add(s.id());
        }
      }
      if (todo.isEmpty()) {
        throw new UsageException(
            "this pipeline has no "
                + kind.get().id()
                + " step; add one, or run all steps with 'baton run'");
      }
    }
    Set<String> keep = new HashSet<>();
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (keep.add(id)) {
        todo.addAll(byId.get(id).needs());
      }
    }
    List<PlannedStep> out = new ArrayList<>();
    for (PlannedStep s : ordered) {
      if (keep.contains(s.id())) {
        out.add(s);
      }
    }
    return out;
  }
}
