package dev.baton.core.plan;

import dev.baton.core.descriptor.MatrixSpec;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.expr.Bindings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dynamic fan-out: turns a step whose matrix has an axis computed from its needs ({@code shard:
 * "${{ fromJSON(needs.split.outputs.shards) }}"}) into its cells once those needs have ended. The
 * plan holds such a step as one pending step under its name; every executor (the engine, the
 * Jenkins library through the CLI) expands it here, so the cells are the same everywhere.
 */
public final class Expansions {
  private Expansions() {}

  /** How an expansion came out. */
  public enum State {
    /** The cells exist: run them. */
    EXPANDED,
    /** The values could not be had or make too many cells: the step fails with the message. */
    FAILED,
    /** The values or the matrix leave no cell: the step is skipped with the message. */
    EMPTY
  }

  /**
   * The outcome of expanding a step.
   *
   * @param values each dynamic axis's values, as they came from the needs
   * @param cells the cells, in cell order; empty unless {@link State#EXPANDED}
   */
  public record Expansion(
      String step,
      State state,
      String message,
      Map<String, List<String>> values,
      List<PlannedStep> cells) {

    public Expansion {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      cells = List.copyOf(cells);
    }

    static Expansion refused(String step, State state, String message) {
      return new Expansion(step, state, message, Map.of(), List.of());
    }
  }

  /** Whether {@code step} is a dynamic step whose cells do not exist yet. */
  public static boolean isPending(PlannedStep step) {
    return step.spec().matrix().isDynamic() && step.matrix().isEmpty();
  }

  /**
   * Expands pending step {@code pending} of {@code plan}, its axes read from {@code needs} (as
   * {@link NeedValues#of} makes them).
   */
  public static Expansion expand(Plan plan, PlannedStep pending, Map<String, Object> needs) {
    PipelineDescriptor d = plan.descriptor();
    Map<String, Object> params = ParamValues.typed(d, plan.params());
    List<DescriptorProblem> problems = new ArrayList<>();
    StepResolver resolver = new StepResolver(d, params, problems, ModelContext.NONE);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("params", params);
    context.put("env", resolver.pipelineEnvironment());
    context.put(NeedsReferences.ROOT, needs);
    DynamicAxes.Values found = DynamicAxes.evaluate(spec(plan, pending), Bindings.of(context));
    if (found instanceof DynamicAxes.Refused refused) {
      return Expansion.refused(pending.id(), State.FAILED, refused.message());
    }
    return cells(plan, pending, ((DynamicAxes.Found) found).values(), resolver, problems);
  }

  /** The cells of {@code pending} for axis values an earlier expansion found (a resumed run). */
  public static Expansion fromValues(
      Plan plan, PlannedStep pending, Map<String, List<String>> values) {
    PipelineDescriptor d = plan.descriptor();
    List<DescriptorProblem> problems = new ArrayList<>();
    StepResolver resolver =
        new StepResolver(d, ParamValues.typed(d, plan.params()), problems, ModelContext.NONE);
    return cells(plan, pending, values, resolver, problems);
  }

  private static Expansion cells(
      Plan plan,
      PlannedStep pending,
      Map<String, List<String>> values,
      StepResolver resolver,
      List<DescriptorProblem> problems) {
    StepSpec spec = spec(plan, pending);
    MatrixSpec matrix = spec.matrix();
    for (Map.Entry<String, List<String>> axis : values.entrySet()) {
      if (axis.getValue().isEmpty()) {
        return new Expansion(
            pending.id(),
            State.EMPTY,
            "matrix."
                + axis.getKey()
                + " of step '"
                + spec.name()
                + "' is an empty list, so the step has no cells",
            values,
            List.of());
      }
    }
    long bound = 1;
    for (String axis : matrix.order()) {
      List<String> v = matrix.axes().containsKey(axis) ? matrix.axes().get(axis) : values.get(axis);
      bound = MatrixLimit.saturatedMultiply(bound, v == null ? 0 : v.size());
    }
    bound = MatrixLimit.saturatedAdd(bound, matrix.include().size());
    if (bound > MatrixLimit.MAX_CELLS && bound > matrix.maxCells()) {
      return Expansion.refused(pending.id(), State.FAILED, tooMany(spec, bound, true));
    }
    List<PlannedStep> cells = resolver.cells(spec, values, pending.needs());
    if (!problems.isEmpty()) {
      DescriptorProblem p = problems.get(0);
      return Expansion.refused(
          pending.id(),
          State.FAILED,
          "step '"
              + spec.name()
              + "' cannot make its cells: "
              + p.message()
              + (p.hint().isEmpty() ? "" : "; " + p.hint()));
    }
    if (cells.size() > matrix.maxCells()) {
      return Expansion.refused(pending.id(), State.FAILED, tooMany(spec, cells.size(), false));
    }
    if (cells.isEmpty()) {
      return new Expansion(
          pending.id(),
          State.EMPTY,
          "the matrix of step '" + spec.name() + "' excludes every combination of its values",
          values,
          List.of());
    }
    for (PlannedStep dependent : plan.steps()) {
      if (dependent.needs().contains(pending.id())
          && !dependent.spec().needCellsOf(spec.name()).isEmpty()
          && NeedCells.of(dependent, spec.name(), cells).isEmpty()) {
        return Expansion.refused(
            pending.id(),
            State.FAILED,
            "step '"
                + dependent.stepName()
                + "' needs "
                + dependent.spec().needCellsOf(spec.name()).stream()
                    .map(n -> "'" + n.shown() + "'")
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("")
                + ", but step '"
                + spec.name()
                + "' expanded to none of them; its cells are: "
                + String.join(", ", cells.stream().limit(6).map(PlannedStep::id).toList())
                + (cells.size() > 6 ? ", ..." : ""));
      }
    }
    return new Expansion(pending.id(), State.EXPANDED, "", values, cells);
  }

  private static String tooMany(StepSpec spec, long count, boolean atMost) {
    return "step '"
        + spec.name()
        + "' would have "
        + (atMost ? "up to " : "")
        + (count == Long.MAX_VALUE ? "billions of" : String.format("%,d", count))
        + " matrix cells, more than its maxCells of "
        + String.format("%,d", spec.matrix().maxCells())
        + "; make the need's list shorter, or raise maxCells on the step";
  }

  /**
   * {@code plan} with each pending step that {@code expanded} has values for followed by its cells,
   * and the steps that need it waiting for those cells instead: how a resumed run continues with
   * the cells of the first expansion.
   */
  public static Plan withExpansions(Plan plan, Map<String, Map<String, List<String>>> expanded) {
    if (expanded.isEmpty()) {
      return plan;
    }
    Map<String, List<PlannedStep>> cellsOf = new LinkedHashMap<>();
    for (PlannedStep s : plan.steps()) {
      if (isPending(s) && expanded.containsKey(s.id())) {
        Expansion e = fromValues(plan, s, Objects.requireNonNull(expanded.get(s.id())));
        if (e.state() == State.EXPANDED) {
          cellsOf.put(s.id(), e.cells());
        }
      }
    }
    List<PlannedStep> steps = new ArrayList<>();
    for (PlannedStep s : plan.steps()) {
      steps.add(rewired(s, cellsOf));
      steps.addAll(cellsOf.getOrDefault(s.id(), List.of()));
    }
    return new Plan(plan.descriptor(), plan.params(), steps);
  }

  /** {@code s} waiting for the cells of each expanded step it needs instead of the step. */
  public static PlannedStep rewired(PlannedStep s, Map<String, List<PlannedStep>> cellsOf) {
    if (s.needs().stream().noneMatch(cellsOf::containsKey)) {
      return s;
    }
    List<String> needs = new ArrayList<>();
    for (String need : s.needs()) {
      List<PlannedStep> cells = cellsOf.get(need);
      if (cells == null) {
        needs.add(need);
      } else {
        needs.addAll(NeedCells.of(s, cells.get(0).stepName(), cells));
      }
    }
    return s.withNeeds(needs);
  }

  private static StepSpec spec(Plan plan, PlannedStep pending) {
    return Objects.requireNonNull(
        plan.descriptor().steps().get(pending.stepName()), pending.stepName());
  }
}
