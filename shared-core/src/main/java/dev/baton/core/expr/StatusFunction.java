package dev.baton.core.expr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The status functions of a step's {@code when}, with GitHub Actions' meaning: whether the steps it
 * needs, directly or not, succeeded or failed, whether the run was cancelled, or always. Their
 * value is not in the expression's names: it is the engine's, once the step's needs have ended (see
 * {@link StatusBindings}), so anywhere but a step's {@code when} they are an error when the
 * expression is parsed.
 */
public enum StatusFunction {
  /** Every step it needs, directly or not, succeeded: the default without a status function. */
  SUCCESS("success"),
  /** A step it needs, directly or not, failed. */
  FAILURE("failure"),
  /** The run was cancelled (interrupted, terminated, or its own timeout passed). */
  CANCELLED("cancelled"),
  /** True whatever happened. */
  ALWAYS("always");

  private final String functionName;

  StatusFunction(String functionName) {
    this.functionName = functionName;
  }

  /** The name as written, {@code failure}. */
  public String functionName() {
    return functionName;
  }

  /** The call as written, {@code failure()}. */
  public String call() {
    return functionName + "()";
  }

  /**
   * Whether a step whose {@code when} uses this function is a cleanup step: one that may run after
   * a failure or a cancel ({@code failure()}, {@code cancelled()}, {@code always()}).
   */
  public boolean runsAfterTrouble() {
    return this != SUCCESS;
  }

  /** The status function called {@code name} (any case, as GitHub Actions), or empty. */
  static Optional<StatusFunction> find(String name) {
    return Arrays.stream(values())
        .filter(f -> f.functionName.equals(name.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** The error for a status function where only a step's {@code when} may use one. */
  ExpressionException notAllowedHere(int offset) {
    return new ExpressionException(
        offset,
        "status function '" + call() + "' is not allowed",
        "only a step's 'when' may call it: to run a step after a failure, give that step when: ${{ "
            + call()
            + " }}; to read how a needed step ended, use needs.<step>.result");
  }
}
