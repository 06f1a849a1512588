package dev.baton.core.expr;

import java.util.Set;
import java.util.regex.Pattern;

/** Quotes text as one literal word for a POSIX shell (sh, dash, bash, zsh in sh mode). */
public final class ShellQuote {
  /**
   * Characters that mean nothing to the shell inside a word. '=' and ',' are left out on purpose:
   * 'NAME=value' at the start of a command is an assignment, and bash expands 'a,b' in braces.
   */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+:./-]+");

  /** Words the shell reads as syntax when they stand where a command is expected. */
  private static final Set<String> RESERVED =
      Set.of(
          "case",
          "coproc",
          "do",
          "done",
          "elif",
          "else",
          "esac",
          "fi",
          "for",
          "function",
          "if",
          "in",
          "select",
          "then",
          "time",
          "until",
          "while");

  private ShellQuote() {}

  /**
   * {@code value} as one shell word: plain words as they are, everything else in single quotes with
   * each {@code '} written as {@code '"'"'}; the empty string is {@code ''}.
   *
   * @throws IllegalArgumentException if the value contains a NUL character, which no shell word can
   *     carry
   */
  public static String quote(String value) {
    return isPlain(value) ? value : singleQuoted(value);
  }

  /** True when {@code value} can stand unquoted as one literal word. */
  static boolean isPlain(String value) {
    return PLAIN.matcher(value).matches() && !RESERVED.contains(value);
  }

  /** Always quoted, even a plain word; for places where a neighbour could change its meaning. */
  static String singleQuoted(String value) {
    return "'" + insideSingleQuotes(value) + "'";
  }

  /** The value written for a place already inside single quotes: close, quote the ', reopen. */
  static String insideSingleQuotes(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a shell word cannot contain a NUL character");
    }
    return value.replace("'", "'\"'\"'");
  }
}
