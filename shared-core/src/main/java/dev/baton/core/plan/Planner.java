package dev.baton.core.plan;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.DagChecker;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a descriptor into a {@link Plan}: parameters applied, matrices expanded, expressions
 * resolved, the DAG checked and ordered. Pure and deterministic: the same inputs give the same
 * plan, and nothing runs.
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans every step selected by {@code only} (ids or step names; empty: all) and {@code kind}
   * (empty: all), plus what they need.
   */
  public static Plan plan(
      PipelineDescriptor d,
      Map<String, String> overrides,
      Set<String> only,
      Optional<StepKind> kind) {
    return plan(d, overrides, only, KindSelection.of(kind));
  }

  /**
   * Plans every step selected by {@code only} (ids or step names; empty: all) and {@code kinds},
   * plus what they need, less the kinds {@code kinds} leaves out and the steps that need them.
   */
  public static Plan plan(
      PipelineDescriptor d, Map<String, String> overrides, Set<String> only, KindSelection kinds) {
    return plan(d, overrides, only, kinds, ModelContext.NONE);
  }

  /**
   * {@link #plan(PipelineDescriptor, Map, Set, KindSelection)}, with expressions reading {@code
   * models.*} from {@code models}.
   */
  public static Plan plan(
      PipelineDescriptor d,
      Map<String, String> overrides,
      Set<String> only,
      KindSelection kinds,
      ModelContext models) {
    List<DescriptorProblem> problems = new ArrayList<>();
    Map<String, String> params = ParamValues.apply(d, overrides, problems);
    DagChecker.check(d, problems);
    MatrixLimit.check(d, problems);
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
    StepResolver resolver = new StepResolver(d, ParamValues.typed(d, params), problems, models);
    Map<String, List<PlannedStep>> byName = new LinkedHashMap<>();
    for (StepSpec spec : d.steps().values()) {
      byName.put(spec.name(), resolver.expand(spec));
    }
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
    List<PlannedStep> ordered = TopologicalOrder.sort(d, NeedsOfRunningCells.apply(byName));
    List<PlannedStep> selected = Selection.select(ordered, only, kinds);
    return new Plan(d, params, selected);
  }

  /** The working directory of a step: its {@code workdir} under the descriptor's directory. */
  static Path workdir(PipelineDescriptor d, StepSpec s) {
    return s.workdir().isEmpty() ? d.workspace() : d.workspace().resolve(s.workdir()).normalize();
  }

  static Set<String> ids(List<PlannedStep> steps) {
    Set<String> ids = new LinkedHashSet<>();
    steps.forEach(s -> ids.add(s.id()));
    return ids;
  }

  static boolean isShell(Command c) {
    return c instanceof Command.Shell;
  }
}
