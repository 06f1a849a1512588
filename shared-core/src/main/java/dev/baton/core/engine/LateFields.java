package dev.baton.core.engine;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.DeploySpec;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Quoting;
import dev.baton.core.expr.StatusBindings;
import dev.baton.core.expr.StatusFunction;
import dev.baton.core.expr.Template;
import dev.baton.core.plan.CommandTemplates;
import dev.baton.core.plan.NeedValues;
import dev.baton.core.plan.NeedsReferences;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.plan.WhenConditions;
import dev.baton.core.record.StepState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Resolves, when a step becomes ready, the fields the planner left as written because they read
 * {@code needs.*}: {@code run} (shell-quoted as at plan time), {@code env}, {@code when}, a {@code
 * when} that calls a status function ({@code failure()}, {@code always()}...), and a stage's
 * commands and gates ({@link LateStage}). For a need with a matrix, {@code
 * needs.<step>.outputs.<name>} is the list of its cells' values in cell order and {@code
 * needs.<step>.cells} each cell's {@code matrix}, {@code result} and {@code outputs}.
 */
final class LateFields {
  private final Map<String, String> params;

  LateFields(Map<String, String> params) {
    this.params = params;
  }

  /** What became of the step: resolved and ready, ruled out by its {@code when}, or in error. */
  sealed interface Outcome {}

  record Ready(PlannedStep step) implements Outcome {}

  record Skip(String reason) implements Outcome {}

  record Refused(String message) implements Outcome {}

  /** How a step that cannot start ended: ruled out by its {@code when}, or in error. */
  record Ended(StepState state, String message) {}

  /**
   * Resolves {@code r}'s late fields into {@code r.step}; what the step ended as when it cannot
   * start.
   */
  Optional<Ended> resolveInto(
      StepRun r, Map<String, StepRun> runs, Predicate<StatusFunction> status) {
    Outcome o = resolve(r.step, runs, status);
    if (o instanceof Ready ready) {
      r.step = ready.step();
      return Optional.empty();
    }
    return Optional.of(
        o instanceof Skip skip
            ? new Ended(StepState.SKIPPED, skip.reason())
            : new Ended(StepState.FAILED, ((Refused) o).message()));
  }

  /**
   * Resolves {@code step}'s late fields; {@code status} gives the status functions of its {@code
   * when} their values.
   */
  Outcome resolve(PlannedStep step, Map<String, StepRun> runs, Predicate<StatusFunction> status) {
    return resolve(step, () -> needs(step, runs), status);
  }

  /**
   * Like {@link #resolve(PlannedStep, Map, Predicate)}, with {@code needs.*} as {@code needs} gives
   * it.
   */
  Outcome resolve(
      PlannedStep step, Supplier<Map<String, Object>> needs, Predicate<StatusFunction> status) {
    String when = step.spec().when().strip();
    boolean lateWhen =
        NeedsReferences.readsNeeds(NeedsReferences.of(when, true))
            || !WhenConditions.statusFunctions(step.spec()).isEmpty();
    boolean lateRun = NeedsReferences.readsNeeds(NeedsReferences.of(step.spec().run()));
    Map<String, String> lateEnv = new LinkedHashMap<>();
    step.spec()
        .env()
        .forEach(
            (k, v) -> {
              if (NeedsReferences.readsNeeds(NeedsReferences.of(v, false))) {
                lateEnv.put(k, v);
              }
            });
    boolean lateStage = LateStage.reads(step.spec());
    if (!lateWhen && !lateRun && lateEnv.isEmpty() && !lateStage) {
      return new Ready(step);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("params", params);
    context.put("matrix", step.matrix());
    context.put("env", step.env());
    context.put(NeedsReferences.ROOT, needs.get());
    Bindings bindings = StatusBindings.of(indexed(Bindings.of(context), context), status);
    String field = "when";
    try {
      if (lateWhen) {
        if (!WhenConditions.parse(when).test(bindings)) {
          return new Skip("when: " + when + " is false");
        }
      }
      field = "env";
      Map<String, String> env = new LinkedHashMap<>(step.env());
      for (Map.Entry<String, String> e : lateEnv.entrySet()) {
        env.put(e.getKey(), Template.parse(e.getValue()).render(bindings, Quoting.NONE));
      }
      field = "run";
      Command command =
          lateRun ? CommandTemplates.render(step.spec().run(), bindings) : step.command();
      field = "deploy";
      PlannedStep resolved = step.withLateFields(command, env);
      if (lateStage) {
        Map<String, Object> stageContext = new LinkedHashMap<>(context);
        stageContext.put("deploy", Map.of("weight", DeploySpec.WEIGHT_PLACEHOLDER));
        resolved =
            resolved.withSpec(
                LateStage.resolve(step.spec(), indexed(Bindings.of(stageContext), stageContext)));
      }
      return new Ready(resolved);
    } catch (ExpressionException ex) {
      return new Refused(
          (field.equals("deploy") ? "a command or gate" : "'" + field + "'")
              + " of step "
              + step.id()
              + " cannot be resolved: "
              + ex.getMessage());
    }
  }

  /**
   * {@code bindings} that also read an item of a list by its index, as in {@code
   * needs.train.outputs.acc.0}: a matrix need's values are lists, and a single cell's value is what
   * text can hold.
   */
  private static Bindings indexed(Bindings bindings, Map<String, Object> root) {
    return new Bindings() {
      @Override
      public Optional<Object> lookup(List<String> path) {
        Optional<Object> found = bindings.lookup(path);
        if (found.isPresent()) {
          return found;
        }
        Object at = root;
        for (String part : path) {
          if (at instanceof Map<?, ?> map && map.containsKey(part)) {
            at = map.get(part);
          } else if (at instanceof List<?> list && part.matches("\\d{1,9}")) {
            int i = Integer.parseInt(part);
            if (i >= list.size()) {
              return Optional.empty();
            }
            at = list.get(i);
          } else {
            return Optional.empty();
          }
        }
        return Optional.ofNullable(at);
      }

      @Override
      public Set<String> names() {
        return bindings.names();
      }
    };
  }

  /** {@code needs.<step>}: each needed step by name, its cells gathered in plan order. */
  /** {@code needs.*} for {@code step}: each step it needs, as it ended ({@link NeedValues}). */
  static Map<String, Object> needs(PlannedStep step, Map<String, StepRun> runs) {
    List<NeedValues.Ended> ended = new ArrayList<>();
    for (String id : step.needs()) {
      StepRun n = runs.get(id);
      if (n != null) {
        ended.add(
            new NeedValues.Ended(
                n.step.stepName(), n.step.matrix(), NeedValues.result(n.state), n.outputs()));
      }
    }
    return NeedValues.of(ended);
  }
}
