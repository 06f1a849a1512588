package dev.baton.core.errors;

/**
 * A mistake in a small language (expressions, label expressions): the 0-based offset of the
 * offending character in the parsed text, what is wrong, and how to fix it. A caller that knows
 * where the text starts in its file adds the offset to that column.
 */
public abstract class OffsetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final String problem;
  private final String hint;

  protected OffsetException(String message, int offset, String problem, String hint) {
    super(message);
    this.offset = offset;
    this.problem = problem;
    this.hint = hint == null ? "" : hint;
  }

  /** 0-based character offset of the problem within the parsed text. */
  public int offset() {
    return offset;
  }

  /** What is wrong, such as {@code unexpected ')'}. */
  public String problem() {
    return problem;
  }

  /** How to fix it, or a "did you mean" suggestion; empty when there is nothing to add. */
  public String hint() {
    return hint;
  }

  /** {@code problem; hint}, or the problem alone. */
  protected static String join(String problem, String hint) {
    return hint == null || hint.isEmpty() ? problem : problem + "; " + hint;
  }
}
