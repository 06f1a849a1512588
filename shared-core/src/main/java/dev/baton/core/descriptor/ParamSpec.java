package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One declared pipeline parameter: {@code epochs: 20} (a string parameter) or {@code epochs: {type:
 * int, default: 20, min: 1}}.
 *
 * @param defaultValue the default as text, in the type's text form ({@link ParamType#text})
 * @param min the smallest value an int or number may take; empty: no bound
 * @param max the largest value an int or number may take; empty: no bound
 * @param choices the values a choice may take, in order; empty for other types
 * @param description what it is for, shown by plan and check; empty when none
 * @param position where it is declared
 */
public record ParamSpec(
    String name,
    ParamType type,
    String defaultValue,
    Optional<BigDecimal> min,
    Optional<BigDecimal> max,
    List<String> choices,
    String description,
    SourcePosition position) {

  public ParamSpec {
    choices = List.copyOf(choices);
    description = description == null ? "" : description;
  }

  /** A parameter of the short form {@code name: value}: a string. */
  public static ParamSpec string(String name, String value, SourcePosition position) {
    return new ParamSpec(
        name, ParamType.STRING, value, Optional.empty(), Optional.empty(), List.of(), "", position);
  }

  /** The value expressions see for {@code text}, or empty when it is not allowed here. */
  public Optional<Object> read(String text) {
    Optional<Object> value = type.read(text);
    if (value.isEmpty()) {
      return value;
    }
    if (type == ParamType.CHOICE && !choices.contains(text)) {
      return Optional.empty();
    }
    if (value.get() instanceof BigDecimal d
        && (min.map(m -> d.compareTo(m) < 0).orElse(false)
            || max.map(m -> d.compareTo(m) > 0).orElse(false))) {
      return Optional.empty();
    }
    return value;
  }

  /** What a value must be, for messages: "an int from 1 to 100", "one of small, large". */
  public String allowed() {
    return switch (type) {
      case CHOICE -> "one of " + String.join(", ", choices);
      case INT, NUMBER -> type.expected() + range();
      default -> type.expected();
    };
  }

  private String range() {
    if (min.isPresent() && max.isPresent()) {
      return " from " + ParamType.text(min.get()) + " to " + ParamType.text(max.get());
    }
    if (min.isPresent()) {
      return " of at least " + ParamType.text(min.get());
    }
    return max.map(m -> " of at most " + ParamType.text(m)).orElse("");
  }

  /** {@code int, 1..100}, {@code choice: small|large}: the type as plan and check show it. */
  public String shownType() {
    return switch (type) {
      case CHOICE -> "choice: " + String.join("|", choices);
      case INT, NUMBER ->
          min.isEmpty() && max.isEmpty()
              ? type.id()
              : type.id()
                  + ", "
                  + min.map(ParamType::text).orElse("")
                  + ".."
                  + max.map(ParamType::text).orElse("");
      default -> type.id();
    };
  }
}
