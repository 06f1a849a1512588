package dev.baton.core.expr;

/**
 * A mistake in an expression or template: where it is, what is wrong, and how to fix it.
 *
 * <p>The offset is 0-based within the text that was parsed, so a caller that knows where that text
 * starts in its file adds the two to get a column.
 */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final String problem;
  private final String hint;

  /**
   * @param offset 0-based character offset of the problem within the parsed text
   * @param problem what is wrong, e.g. "unexpected ')'"
   * @param hint how to fix it, or "" when there is nothing useful to add
   */
  public ExpressionException(int offset, String problem, String hint) {
    super(problem + (hint == null || hint.isEmpty() ? "" : "; " + hint));
    this.offset = offset;
    this.problem = problem;
    this.hint = hint == null ? "" : hint;
  }

  /** 0-based character offset of the problem within the parsed text. */
  public int offset() {
    return offset;
  }

  /** What is wrong. */
  public String problem() {
    return problem;
  }

  /** How to fix it, or a "did you mean" suggestion; empty when there is nothing to add. */
  public String hint() {
    return hint;
  }

  /** The same problem seen from a text in which the parsed text starts at {@code delta}. */
  ExpressionException shiftedBy(int delta) {
    return delta == 0 ? this : new ExpressionException(offset + delta, problem, hint);
  }
}
