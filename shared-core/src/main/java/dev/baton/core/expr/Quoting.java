package dev.baton.core.expr;

/** How {@link Template#render} writes substituted values into the text. */
public enum Quoting {
  /** Values are inserted as they are: for names, messages and other text no shell reads. */
  NONE,
  /** Each value becomes exactly one literal word of a POSIX {@code sh -c} command line. */
  SHELL
}
