package dev.baton.core.agents;

/** A label expression that cannot be read, with the 0-based offset of the offending character. */
public final class LabelExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final int offset;
  private final String problem;
  private final String hint;

  public LabelExpressionException(String text, int offset, String problem, String hint) {
    super(describe(text, offset, problem, hint));
    this.text = text;
    this.offset = offset;
    this.problem = problem;
    this.hint = hint == null ? "" : hint;
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /**
   * 0-based offset into {@link #text()}; equal to its length when the expression ends too early.
   */
  public int offset() {
    return offset;
  }

  /** What is wrong, such as {@code expected a label after '&&'}. */
  public String problem() {
    return problem;
  }

  /** How to fix it; empty when there is nothing to add. */
  public String hint() {
    return hint;
  }

  private static String describe(String text, int offset, String problem, String hint) {
    String where = "label expression '" + text + "' at column " + (offset + 1) + ": " + problem;
    return hint == null || hint.isEmpty() ? where : where + "; " + hint;
  }
}
