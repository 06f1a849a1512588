package dev.baton.core.plan;

import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.Expression;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Template;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The axes of a matrix whose values an expression gives, such as {@code shard: "${{
 * fromJSON(needs.split.outputs.shards) }}"}: checked when planning, evaluated once the step's needs
 * have ended.
 */
final class DynamicAxes {
  private static final int SHOWN_CHARS = 80;

  private DynamicAxes() {}

  /** The first mistake planning can see in axis {@code axis}'s expression {@code text}. */
  static Optional<DescriptorProblem> check(
      StepSpec spec, String axis, String text, Bindings known) {
    SourcePosition at = spec.position();
    String where = "in matrix." + axis + " of step '" + spec.name() + "'";
    try {
      Template.parse(text);
    } catch (ExpressionException e) {
      return Optional.of(new DescriptorProblem(at, e.problem() + " " + where, e.hint()));
    }
    return NeedsReferences.check(spec, NeedsReferences.of(text, false), known, at, where);
  }

  /** Each dynamic axis's values, or why they cannot be had. */
  sealed interface Values {}

  record Found(Map<String, List<String>> values) implements Values {}

  record Refused(String message) implements Values {}

  static Values evaluate(StepSpec spec, Bindings bindings) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> axis : spec.matrix().dynamic().entrySet()) {
      String where = "matrix." + axis.getKey() + " of step '" + spec.name() + "'";
      @Nullable Object value;
      try {
        Expression e =
            Template.whole(axis.getValue())
                .orElseThrow(() -> new IllegalStateException("checked by the reader"));
        value = e.evaluate(bindings);
      } catch (ExpressionException e) {
        return new Refused(where + " cannot be computed: " + e.getMessage());
      }
      if (!(value instanceof List<?> list)) {
        return new Refused(
            where
                + " is "
                + shown(value)
                + ", not a list; make "
                + axis.getValue()
                + " give a list of values, such as a need's output [\"a\", \"b\"] read with"
                + " fromJSON");
      }
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (!(item instanceof String || item instanceof BigDecimal || item instanceof Boolean)) {
          return new Refused(
              where
                  + " item "
                  + i
                  + " is "
                  + shown(item)
                  + ", not a string, number or boolean; give a list of scalars, such as"
                  + " [1, 2, 3]");
        }
        texts.add(Expression.textOf(item));
      }
      values.put(axis.getKey(), texts);
    }
    return new Found(values);
  }

  private static String shown(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    String text = value instanceof String s ? "'" + s + "'" : Expression.textOf(value);
    return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
  }
}
