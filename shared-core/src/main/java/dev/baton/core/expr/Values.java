package dev.baton.core.expr;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The value rules of the expression language: truthiness, equality, ordering and text form.
 *
 * <p>Values are String, BigDecimal, Boolean, null or a List of those. Parameters arrive as strings,
 * so a string that reads as a number counts as that number wherever two numbers meet.
 */
final class Values {
  private static final Pattern NUMERIC =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** Beyond this many digits of scale a plain rendering could be huge, so keep the exponent. */
  private static final int MAX_PLAIN_SCALE = 1000;

  private Values() {}

  /**
   * false, null, numeric zero and '' are falsy; everything else (the string '0', any list) is
   * truthy.
   */
  static boolean isTruthy(@Nullable Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof BigDecimal d) {
      return d.signum() != 0;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    return true;
  }

  /** Numeric equality when both sides are numbers, otherwise case-sensitive text equality. */
  static boolean areEqual(@Nullable Object a, @Nullable Object b, String operator, int offset) {
    if (a instanceof List || b instanceof List) {
      throw new ExpressionException(
          offset,
          "'" + operator + "' cannot compare lists",
          "test membership with 'in', like params.branch in ['main', 'release']");
    }
    Optional<BigDecimal> x = numberOf(a);
    Optional<BigDecimal> y = numberOf(b);
    if (x.isPresent() && y.isPresent()) {
      return x.get().compareTo(y.get()) == 0;
    }
    return textOf(a).equals(textOf(b));
  }

  /**
   * Orders two numbers numerically or two non-numeric strings lexicographically. Anything else is
   * an error rather than a guess, so a gate such as {@code accuracy >= 0.9} never passes on 'NaN'.
   */
  static int compare(@Nullable Object a, @Nullable Object b, String operator, int offset) {
    Optional<BigDecimal> x = numberOf(a);
    Optional<BigDecimal> y = numberOf(b);
    if (x.isPresent() && y.isPresent()) {
      return x.get().compareTo(y.get());
    }
    if (a instanceof String s && b instanceof String t && x.isEmpty() && y.isEmpty()) {
      return s.compareTo(t);
    }
    throw new ExpressionException(
        offset,
        "cannot order " + describe(a) + " and " + describe(b) + " with '" + operator + "'",
        "'" + operator + "' needs two numbers or two strings");
  }

  /** The number a value stands for: a BigDecimal, or a string written as a decimal number. */
  static Optional<BigDecimal> numberOf(@Nullable Object value) {
    if (value instanceof BigDecimal d) {
      return Optional.of(d);
    }
    if (value instanceof String s && NUMERIC.matcher(s).matches()) {
      try {
        return Optional.of(new BigDecimal(s));
      } catch (NumberFormatException exponentOutOfRange) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The text a value is substituted as; a list has none and is an error at {@code offset}. */
  static String toText(@Nullable Object value, int offset) {
    if (value instanceof List) {
      throw new ExpressionException(
          offset,
          "a list cannot be substituted into text",
          "substitute a single value, like ${{ matrix.lr }}");
    }
    return textOf(value);
  }

  private static String textOf(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      BigDecimal stripped = d.stripTrailingZeros();
      return Math.abs(stripped.scale()) > MAX_PLAIN_SCALE
          ? stripped.toString()
          : stripped.toPlainString();
    }
    return value.toString();
  }

  /** How an error message shows a value: 'text', 0.5, true, null or "a list". */
  static String describe(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List) {
      return "a list";
    }
    if (value instanceof String s) {
      String shown = s.length() > 40 ? s.substring(0, 37) + "..." : s;
      return "'" + shown + "'";
    }
    return textOf(value);
  }
}
