package dev.baton.core.plan;

import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.expr.Expression;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.StatusFunction;
import dev.baton.core.expr.Template;
import java.util.Set;

/**
 * A step's {@code when}, read as a condition: one expression, with or without {@code ${{ }}}, that
 * may call the {@linkplain StatusFunction status functions}. A {@code when} that calls one is
 * decided by the engine once the step's needs have all ended, whatever their state; one that calls
 * {@code failure()}, {@code cancelled()} or {@code always()} makes the step a cleanup step, which
 * still runs after a failure, a cancel or the run's timeout.
 */
public final class WhenConditions {
  private WhenConditions() {}

  /**
   * {@code when} as an expression.
   *
   * @throws ExpressionException when it does not parse
   */
  public static Expression parse(String when) {
    String text = when.strip();
    return Template.whole(text).orElseGet(() -> Expression.parseCondition(text));
  }

  /** The status functions {@code spec}'s {@code when} calls; empty when none, or it is unusable. */
  public static Set<StatusFunction> statusFunctions(StepSpec spec) {
    if (spec.when().isBlank()) {
      return Set.of();
    }
    try {
      return parse(spec.when()).statusFunctions();
    } catch (ExpressionException e) {
      return Set.of(); // reported when the plan is made
    }
  }

  /**
   * Whether {@code spec} is a cleanup step: its {@code when} calls a status function but success().
   */
  public static boolean isCleanup(StepSpec spec) {
    return statusFunctions(spec).stream().anyMatch(StatusFunction::runsAfterTrouble);
  }
}
