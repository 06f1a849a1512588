package dev.baton.core.descriptor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The type of a pipeline parameter: how its text (a default, a {@code -p} value) is read, and what
 * value expressions see. A string or choice is text, an int or number a decimal number, a bool a
 * boolean, so {@code params.epochs > 5} compares numbers and {@code params.fast} is false when it
 * is false.
 */
public enum ParamType {
  STRING("string", "any text"),
  INT("int", "a whole number"),
  NUMBER("number", "a number"),
  BOOL("bool", "true or false"),
  CHOICE("choice", "one of its choices");

  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,19}");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** Names users coming from other tools write, with the type they mean. */
  private static final Map<String, ParamType> ALIASES =
      Map.of(
          "integer", INT,
          "long", INT,
          "float", NUMBER,
          "double", NUMBER,
          "decimal", NUMBER,
          "boolean", BOOL,
          "enum", CHOICE,
          "str", STRING,
          "text", STRING);

  private final String id;
  private final String expected;

  ParamType(String id, String expected) {
    this.id = id;
    this.expected = expected;
  }

  /** The name written in {@code type:}. */
  public String id() {
    return id;
  }

  /** What a value of this type looks like, for messages: "a whole number such as 20". */
  public String expected() {
    return expected;
  }

  /** The type named {@code text} in {@code type:}, if any. */
  public static Optional<ParamType> of(String text) {
    for (ParamType t : values()) {
      if (t.id.equals(text)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type a user of another tool may have meant by {@code text} ("integer": int). */
  static Optional<ParamType> alias(String text) {
    return Optional.ofNullable(ALIASES.get(text.toLowerCase(Locale.ROOT)));
  }

  /**
   * The value expressions see for {@code text}, or empty when the text is not of this type: a
   * String (string, choice; choices are checked by {@link ParamSpec}), a BigDecimal (int, number)
   * or a Boolean (bool). Ints fit in 64 bits.
   */
  public Optional<Object> read(String text) {
    String t = text.strip();
    return switch (this) {
      case STRING, CHOICE -> Optional.of(text);
      case INT -> {
        if (!WHOLE.matcher(t).matches()) {
          yield Optional.empty();
        }
        BigInteger i = new BigInteger(t);
        yield i.compareTo(LONG_MIN) < 0 || i.compareTo(LONG_MAX) > 0
            ? Optional.empty()
            : Optional.of(new BigDecimal(i));
      }
      case NUMBER ->
          DECIMAL.matcher(t).matches() ? Optional.of(new BigDecimal(t)) : Optional.empty();
      case BOOL -> {
        String lower = t.toLowerCase(Locale.ROOT);
        yield lower.equals("true") || lower.equals("false")
            ? Optional.of(Boolean.valueOf(lower))
            : Optional.empty();
      }
    };
  }

  /**
   * How a value reads as text in reports, cache keys and {@code ${{ }}}: numbers in plain form
   * without trailing zeros (1e-3 as 0.001), booleans as true/false.
   */
  public static String text(Object value) {
    if (value instanceof BigDecimal d) {
      BigDecimal stripped = d.stripTrailingZeros();
      return Math.abs(stripped.scale()) > 1000 ? stripped.toString() : stripped.toPlainString();
    }
    return String.valueOf(value);
  }
}
