package dev.baton.core.plan;

import dev.baton.core.descriptor.StepKind;
import dev.baton.core.errors.Action;
import dev.baton.core.errors.DidYouMean;
import dev.baton.core.errors.Fix;
import dev.baton.core.errors.UsageException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Narrows a plan to chosen steps (by id, name or kind) and everything they need. */
final class Selection {
  private static final int MAX_CELLS_SHOWN = 4;

  private Selection() {}

  static List<PlannedStep> select(
      List<PlannedStep> ordered, Set<String> only, KindSelection kinds) {
    return leaveOut(chosen(ordered, only, kinds.kinds()), kinds.leftOut());
  }

  private static List<PlannedStep> chosen(
      List<PlannedStep> ordered, Set<String> only, Set<StepKind> kinds) {
    if (only.isEmpty() && kinds.isEmpty()) {
      return ordered;
    }
    Map<String, PlannedStep> byId = new HashMap<>();
    for (PlannedStep s : ordered) {
      byId.put(s.id(), s);
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
        throw new UsageException(
            "no step '" + wanted + "' in this pipeline; " + hint(wanted, ordered));
      }
    }
    if (!kinds.isEmpty()) {
      for (PlannedStep s : ordered) {
        if (kinds.contains(s.kind()) && (only.isEmpty() || todo.contains(s.id()))) {
          todo.add(s.id());
        }
      }
      if (todo.isEmpty()) {
        throw new UsageException(
            "this pipeline has no "
                + KindSelection.ordered(kinds).stream()
                    .map(StepKind::id)
                    .collect(Collectors.joining(" or "))
                + " step",
            Fix.of("add one, or run all steps with ", Action.run()));
      }
    }
    Set<String> keep = new HashSet<>();
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (keep.add(id)) {
        todo.addAll(Objects.requireNonNull(byId.get(id), id).needs());
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

  /**
   * {@code chosen} without the steps of the {@code leftOut} kinds and every step that needs one of
   * them: {@code chosen} is in plan order, so a step's needs come before it.
   */
  private static List<PlannedStep> leaveOut(List<PlannedStep> chosen, Set<StepKind> leftOut) {
    if (leftOut.isEmpty()) {
      return chosen;
    }
    Set<String> dropped = new HashSet<>();
    List<PlannedStep> kept = new ArrayList<>();
    for (PlannedStep s : chosen) {
      if (leftOut.contains(s.kind()) || s.needs().stream().anyMatch(dropped::contains)) {
        dropped.add(s.id());
      } else {
        kept.add(s);
      }
    }
    return kept;
  }

  /**
   * How to name an existing step instead: a near name, or for a cell id of a matrix step (which
   * must be written in full), that step's cell ids.
   */
  private static String hint(String wanted, List<PlannedStep> ordered) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> ids = new LinkedHashSet<>();
    for (PlannedStep s : ordered) {
      names.add(s.stepName());
      ids.add(s.id());
    }
    int bracket = wanted.indexOf('[');
    if (bracket > 0 && names.contains(wanted.substring(0, bracket))) {
      String name = wanted.substring(0, bracket);
      List<String> cells = new ArrayList<>();
      ordered.stream().filter(s -> s.stepName().equals(name)).forEach(s -> cells.add(s.id()));
      String shown =
          cells.size() <= MAX_CELLS_SHOWN
              ? String.join(", ", cells)
              : String.join(", ", cells.subList(0, MAX_CELLS_SHOWN)) + ", ...";
      return "name a cell by its full id (every matrix key, in order), such as "
          + shown
          + ", or all of them as "
          + name;
    }
    Set<String> candidates = new HashSet<>(names);
    candidates.addAll(ids);
    String hint = DidYouMean.hint(wanted, candidates);
    return hint.isEmpty() ? "steps are: " + String.join(", ", names) : hint;
  }
}
