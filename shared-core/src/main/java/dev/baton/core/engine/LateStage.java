package dev.baton.core.engine;

import dev.baton.core.descriptor.GateSpec;
import dev.baton.core.descriptor.StageSpec;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.Expression;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.plan.CommandTemplates;
import dev.baton.core.plan.StageReferences;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of {@link LateFields} for a step's stage: a stage whose commands read {@code needs.*}
 * was left as written at plan time and is rendered now (shell-quoted like {@code run}, {@code
 * deploy.weight} still the placeholder each rollout stage replaces); a gate that reads them gets
 * their values, judged beside the metrics when the stage runs.
 */
final class LateStage {
  private LateStage() {}

  /** Whether {@code spec}'s stage reads {@code needs.*} in a command or a gate. */
  static boolean reads(StepSpec spec) {
    return spec.stage()
        .map(s -> StageReferences.commandsReadNeeds(s) || StageReferences.gatesReadNeeds(s))
        .orElse(false);
  }

  /**
   * {@code spec} with its stage resolved against {@code bindings} ({@code params}, {@code matrix},
   * {@code env}, {@code needs} and {@code deploy}).
   *
   * @throws ExpressionException when a command cannot be rendered or a gate reads an output its
   *     need did not write
   */
  static StepSpec resolve(StepSpec spec, Bindings bindings) {
    StageSpec stage = spec.stage().orElseThrow();
    if (StageReferences.commandsReadNeeds(stage)) {
      stage = stage.mapCommands(c -> CommandTemplates.render(c, bindings));
    }
    stage = stage.mapGates(g -> withValues(g, bindings));
    return spec.withStage(Optional.of(stage));
  }

  private static GateSpec withValues(GateSpec gate, Bindings bindings) {
    Set<String> reads = StageReferences.ofGate(gate);
    if (reads.isEmpty() || !((GateSpec.Expr) gate).needs().isEmpty()) {
      return gate;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : reads) {
      // evaluate, not lookup: an output the need did not write is an error naming it, while a
      // matrix cell's missing value is a null in its list
      values.put(name, Expression.parse(name).evaluate(bindings));
    }
    return ((GateSpec.Expr) gate).withNeeds(values);
  }
}
