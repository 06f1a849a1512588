package dev.baton.core.plan;

import dev.baton.core.descriptor.NeedSpec;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves needs on one cell ({@code train[lr=0.1]}) or a subset ({@code {step: train, matrix:
 * {model: large}}}) of a matrix step to the cells' ids, with a located error for a need that names
 * no cell.
 */
public final class NeedCells {
  private static final int SHOWN = 6;

  private NeedCells() {}

  /**
   * The planned steps {@code spec} waits for: every cell of each need ({@code cellIds}), or the
   * cells its need on one cell or a subset names ({@code cells}: each static step's matrix cells).
   * A dynamic need is waited for whole (its pending id): the subset is chosen when its cells exist.
   */
  static List<String> planned(
      StepSpec spec,
      PipelineDescriptor descriptor,
      Map<String, List<String>> cellIds,
      Map<String, List<Map<String, String>>> cells,
      List<DescriptorProblem> problems) {
    List<String> needs = new ArrayList<>();
    for (String need : spec.needs()) {
      List<NeedSpec> parts = spec.needCellsOf(need);
      StepSpec needed = descriptor.steps().get(need);
      if (parts.isEmpty() || needed == null || needed.matrix().isDynamic()) {
        needs.addAll(cellIds.getOrDefault(need, List.of()));
        if (needed != null && !parts.isEmpty()) {
          checkDynamic(spec, needed, parts, problems);
        }
        continue;
      }
      needs.addAll(matching(spec, needed, parts, cells.getOrDefault(need, List.of()), problems));
    }
    return needs;
  }

  /** The ids of the cells of {@code needed} that {@code parts} name, in cell order. */
  static List<String> matching(
      StepSpec spec,
      StepSpec needed,
      List<NeedSpec> parts,
      List<Map<String, String>> cells,
      List<DescriptorProblem> problems) {
    Set<String> ids = new LinkedHashSet<>();
    for (NeedSpec part : parts) {
      if (needed.matrix().isEmpty()) {
        problems.add(
            new DescriptorProblem(
                part.position(),
                "step '"
                    + spec.name()
                    + "' needs '"
                    + part.shown()
                    + "', but step '"
                    + needed.name()
                    + "' has no matrix",
                "need '" + needed.name() + "' itself"));
        continue;
      }
      List<String> found = new ArrayList<>();
      for (Map<String, String> cell : cells) {
        if (part.matches(cell)) {
          found.add(MatrixExpander.id(needed.name(), cell));
        }
      }
      if (found.isEmpty()) {
        problems.add(noCell(spec, needed, part, cells));
      }
      ids.addAll(found);
    }
    return List.copyOf(ids);
  }

  /** Checks needs on part of dynamic step {@code needed}: their keys must be its matrix's. */
  static void checkDynamic(
      StepSpec spec, StepSpec needed, List<NeedSpec> parts, List<DescriptorProblem> problems) {
    Set<String> keys = keys(needed);
    for (NeedSpec part : parts) {
      for (String key : part.matrix().keySet()) {
        if (!keys.contains(key)) {
          problems.add(unknownKey(spec, needed, part, key, keys));
          break;
        }
      }
    }
  }

  /**
   * The ids of {@code cells} (of a dynamic step, now expanded) that {@code dependent} waits for;
   * every one when it needs the step whole.
   */
  public static List<String> of(PlannedStep dependent, String step, List<PlannedStep> cells) {
    Map<String, Map<String, String>> byId = new LinkedHashMap<>();
    cells.forEach(c -> byId.put(c.id(), c.matrix()));
    return of(dependent.spec(), step, byId);
  }

  /** Like {@link #of(PlannedStep, String, List)}, for cells known by id and matrix values. */
  public static List<String> of(
      StepSpec dependent, String step, Map<String, Map<String, String>> cells) {
    List<NeedSpec> parts = dependent.needCellsOf(step);
    List<String> ids = new ArrayList<>();
    cells.forEach(
        (id, matrix) -> {
          if (parts.isEmpty() || parts.stream().anyMatch(p -> p.matches(matrix))) {
            ids.add(id);
          }
        });
    return ids;
  }

  private static Set<String> keys(StepSpec needed) {
    Set<String> keys = new LinkedHashSet<>(needed.matrix().order());
    needed.matrix().include().forEach(inc -> keys.addAll(inc.keySet()));
    return keys;
  }

  private static DescriptorProblem noCell(
      StepSpec spec, StepSpec needed, NeedSpec part, List<Map<String, String>> cells) {
    Set<String> keys = keys(needed);
    for (String key : part.matrix().keySet()) {
      if (!keys.contains(key)) {
        return unknownKey(spec, needed, part, key, keys);
      }
    }
    List<String> ids = new ArrayList<>();
    cells.forEach(c -> ids.add(MatrixExpander.id(needed.name(), c)));
    String hint =
        part.isCellId()
            ? DidYouMean.suggest(part.cellId(), ids)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("its cells are: " + shown(ids))
            : "its cells are: " + shown(ids);
    return new DescriptorProblem(
        part.position(),
        "step '"
            + spec.name()
            + "' needs '"
            + part.shown()
            + "', which is not "
            + (part.isCellId() ? "a cell" : "any cell")
            + " of step '"
            + needed.name()
            + "'",
        hint);
  }

  private static DescriptorProblem unknownKey(
      StepSpec spec, StepSpec needed, NeedSpec part, String key, Set<String> keys) {
    return new DescriptorProblem(
        part.position(),
        "step '"
            + spec.name()
            + "' needs '"
            + part.shown()
            + "', but the matrix of step '"
            + needed.name()
            + "' has no '"
            + key
            + "'",
        DidYouMean.suggest(key, keys)
            .map(s -> "did you mean '" + s + "'?")
            .orElse("its matrix has: " + String.join(", ", keys)));
  }

  private static String shown(List<String> ids) {
    return ids.size() <= SHOWN
        ? String.join(", ", ids)
        : String.join(", ", ids.subList(0, SHOWN)) + ", ... (" + ids.size() + " in all)";
  }
}
