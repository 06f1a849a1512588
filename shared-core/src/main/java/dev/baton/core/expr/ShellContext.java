package dev.baton.core.expr;

import org.jspecify.annotations.Nullable;

/**
 * Where in shell syntax a {@code ${{ }}} sits, which decides how its value is written so that it
 * stays one literal word.
 *
 * @param unsafeReason why no safe writing exists here; null unless {@code kind} is UNSAFE
 */
record ShellContext(Kind kind, @Nullable String unsafeReason) {

  /** The shell syntax around the substitution. */
  enum Kind {
    /** Unquoted, where a plain word may stay bare. */
    WORD,
    /** Unquoted right after '{' or '~', where bash would expand even a plain word: always quote. */
    WORD_QUOTED_ALWAYS,
    /** Inside '...'. */
    SINGLE_QUOTED,
    /** Inside "...". */
    DOUBLE_QUOTED,
    /** Inside backticks, ${...}, $((...)), a comment, or after syntax the scanner cannot follow. */
    UNSAFE
  }

  static final ShellContext WORD = new ShellContext(Kind.WORD, null);
  static final ShellContext WORD_QUOTED_ALWAYS = new ShellContext(Kind.WORD_QUOTED_ALWAYS, null);
  static final ShellContext SINGLE_QUOTED = new ShellContext(Kind.SINGLE_QUOTED, null);
  static final ShellContext DOUBLE_QUOTED = new ShellContext(Kind.DOUBLE_QUOTED, null);

  static ShellContext unsafe(String reason) {
    return new ShellContext(Kind.UNSAFE, reason);
  }

  boolean isSafe() {
    return kind != Kind.UNSAFE;
  }

  /**
   * The text to put in place of the substitution. Inside quotes the quotes are closed around a
   * single-quoted value and reopened, so the value joins the surrounding word literally.
   */
  String write(String value) {
    return switch (kind) {
      case WORD -> ShellQuote.quote(value);
      case WORD_QUOTED_ALWAYS -> ShellQuote.singleQuoted(value);
      case SINGLE_QUOTED -> ShellQuote.insideSingleQuotes(value);
      case DOUBLE_QUOTED ->
          ShellQuote.isPlain(value) ? value : "\"" + ShellQuote.singleQuoted(value) + "\"";
      default -> throw new IllegalStateException("no safe way to write a value " + unsafeReason);
    };
  }
}
