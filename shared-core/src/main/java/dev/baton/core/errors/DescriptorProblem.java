package dev.baton.core.errors;

/**
 * One thing wrong with a descriptor: where, what, and how to fix it.
 *
 * @param hint how to fix it, or a "did you mean" suggestion; empty when there is nothing to add
 */
public record DescriptorProblem(SourcePosition position, String message, String hint) {

  public DescriptorProblem {
    hint = hint == null ? "" : hint;
  }

  /** {@code file:line:column: message, hint} — the form compilers and editors understand. */
  public String format() {
    return position + ": " + message + (hint.isEmpty() ? "" : "; " + hint);
  }

  @Override
  public String toString() {
    return format();
  }
}
