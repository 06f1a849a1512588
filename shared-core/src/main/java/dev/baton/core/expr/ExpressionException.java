package dev.baton.core.expr;

import dev.baton.core.errors.OffsetException;

/**
 * A mistake in an expression or template: where it is, what is wrong, and how to fix it.
 *
 * <p>The offset is 0-based within the text that was parsed, so a caller that knows where that text
 * starts in its file adds the two to get a column.
 */
public final class ExpressionException extends OffsetException {
  private static final long serialVersionUID = 1L;

  /**
   * @param offset 0-based character offset of the problem within the parsed text
   * @param problem what is wrong, e.g. "unexpected ')'"
   * @param hint how to fix it, or "" when there is nothing useful to add
   */
  public ExpressionException(int offset, String problem, String hint) {
    super(join(problem, hint), offset, problem, hint);
  }

  /** The same problem seen from a text in which the parsed text starts at {@code delta}. */
  ExpressionException shiftedBy(int delta) {
    return delta == 0 ? this : new ExpressionException(offset() + delta, problem(), hint());
  }
}
