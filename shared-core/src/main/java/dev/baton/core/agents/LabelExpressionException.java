package dev.baton.core.agents;

import dev.baton.core.errors.OffsetException;

/** A label expression that cannot be read, with the 0-based offset of the offending character. */
public final class LabelExpressionException extends OffsetException {
  private static final long serialVersionUID = 1L;

  private final String text;

  public LabelExpressionException(String text, int offset, String problem, String hint) {
    super(
        join("label expression '" + text + "' at column " + (offset + 1) + ": " + problem, hint),
        offset,
        problem,
        hint);
    this.text = text;
  }

  /** The expression as written; {@link #offset()} equals its length when it ends too early. */
  public String text() {
    return text;
  }
}
