package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.DidYouMean;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code params:}: each entry is {@code name: value} (a string parameter) or a mapping with
 * {@code type}, {@code default}, {@code min}, {@code max}, {@code choices} and {@code description}.
 */
final class ParamReader {
  static final List<String> KEYS =
      List.of("type", "default", "description", "min", "max", "choices");

  private ParamReader() {}

  static Map<String, ParamSpec> read(YamlNode node, NodeReader r) {
    return read(node, "params", true, r);
  }

  /**
   * Reads declarations under {@code what} (params, a template's inputs); without {@code
   * defaultsRequired} a typed declaration may leave its default out (an input the user must give).
   */
  static Map<String, ParamSpec> read(
      YamlNode node, String what, boolean defaultsRequired, NodeReader r) {
    Map<String, ParamSpec> out = new LinkedHashMap<>();
    r.map(node, what)
        .ifPresent(
            m -> {
              for (YamlNode.Entry e : m.entries().values()) {
                if (e.value() instanceof YamlMap typed) {
                  typed(e.key(), typed, what, defaultsRequired, r)
                      .ifPresent(p -> out.put(e.key(), p));
                } else {
                  r.scalarText(e.value(), what + "." + e.key())
                      .ifPresent(
                          v -> out.put(e.key(), ParamSpec.string(e.key(), v, e.keyPosition())));
                }
              }
            });
    return out;
  }

  private static Optional<ParamSpec> typed(
      String name, YamlMap m, String what, boolean defaultsRequired, NodeReader r) {
    String where = what + "." + name;
    r.checkKeys(m, "parameter '" + name + "'", KEYS, Map.of());
    int before = r.problems().size();
    ParamType type = type(m, where, r);
    List<String> choices =
        NodeReader.get(m, "choices").map(n -> choices(n, where, r)).orElse(List.of());
    Optional<BigDecimal> min = bound(m, "min", type, where, r);
    Optional<BigDecimal> max = bound(m, "max", type, where, r);
    String description =
        NodeReader.get(m, "description")
            .flatMap(n -> r.string(n, where + ".description"))
            .orElse("");
    if (type == ParamType.CHOICE && choices.isEmpty()) {
      r.problem(
          NodeReader.get(m, "choices").map(YamlNode::position).orElse(m.position()),
          "parameter '" + name + "' is a choice with no choices",
          "list its values, such as 'choices: [small, large]'");
    } else if (type != ParamType.CHOICE && NodeReader.get(m, "choices").isPresent()) {
      r.problem(
          NodeReader.get(m, "choices").get().position(),
          "'choices' applies to a choice parameter, and '" + name + "' is " + type.id(),
          "write 'type: choice', or remove 'choices'");
    }
    if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
      r.problem(
          NodeReader.get(m, "min").get().position(),
          "parameter '"
              + name
              + "' has min "
              + ParamType.text(min.get())
              + " above max "
              + ParamType.text(max.get()),
          "make min at most max");
    }
    if (r.problems().size() > before) {
      return Optional.empty();
    }
    ParamSpec spec = new ParamSpec(name, type, "", min, max, choices, description, m.position());
    Optional<YamlNode> given = NodeReader.get(m, "default");
    if (given.isEmpty() && !defaultsRequired) {
      return Optional.of(spec);
    }
    if (given.isEmpty()) {
      return switch (type) {
        case STRING -> Optional.of(spec);
        case BOOL -> Optional.of(withDefault(spec, "false"));
        case CHOICE -> Optional.of(withDefault(spec, choices.get(0)));
        default -> {
          r.problem(
              m.position(),
              "parameter '" + name + "' (" + type.id() + ") has no default",
              "add a default, such as 'default: "
                  + min.map(ParamType::text).orElse(example(type))
                  + "'");
          yield Optional.empty();
        }
      };
    }
    Optional<String> text = r.scalarText(given.get(), where + ".default");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Object> value = spec.read(text.get());
    if (value.isEmpty()) {
      String hint = type == ParamType.CHOICE ? DidYouMean.hint(text.get(), choices) : "";
      r.problem(
          given.get().position(),
          "the default '" + text.get() + "' of parameter '" + name + "' is not " + spec.allowed(),
          hint.isEmpty()
              ? "write "
                  + spec.allowed()
                  + ", such as 'default: "
                  + spec.min().map(ParamType::text).orElse(example(type))
                  + "'"
              : hint);
      return Optional.empty();
    }
    return Optional.of(withDefault(spec, ParamType.text(value.get())));
  }

  private static String example(ParamType type) {
    return switch (type) {
      case INT -> "20";
      case NUMBER -> "0.5";
      default -> "false";
    };
  }

  private static ParamSpec withDefault(ParamSpec s, String value) {
    return new ParamSpec(
        s.name(), s.type(), value, s.min(), s.max(), s.choices(), s.description(), s.position());
  }

  private static ParamType type(YamlMap m, String where, NodeReader r) {
    Optional<YamlNode> node = NodeReader.get(m, "type");
    if (node.isEmpty()) {
      return NodeReader.get(m, "choices").isPresent() ? ParamType.CHOICE : ParamType.STRING;
    }
    Optional<String> text = r.string(node.get(), where + ".type");
    if (text.isEmpty()) {
      return ParamType.STRING;
    }
    Optional<ParamType> type = ParamType.of(text.get());
    if (type.isPresent()) {
      return type.get();
    }
    List<String> ids = Arrays.stream(ParamType.values()).map(ParamType::id).toList();
    String hint =
        ParamType.alias(text.get())
            .map(t -> "did you mean '" + t.id() + "'?")
            .orElse(DidYouMean.hint(text.get(), ids));
    r.problem(
        node.get().position(),
        "unknown parameter type '" + text.get() + "'",
        hint.isEmpty() ? "use one of " + String.join(", ", ids) : hint);
    return ParamType.STRING;
  }

  private static List<String> choices(YamlNode node, String where, NodeReader r) {
    if (!(node instanceof YamlList list)) {
      r.wrongType(node, where + ".choices", "a list of values");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : list.items()) {
      r.scalarText(item, "each choice of " + where)
          .ifPresent(
              v -> {
                if (out.contains(v)) {
                  r.problem(item.position(), "choice '" + v + "' is listed twice", "list it once");
                } else {
                  out.add(v);
                }
              });
    }
    return out;
  }

  private static Optional<BigDecimal> bound(
      YamlMap m, String key, ParamType type, String where, NodeReader r) {
    Optional<YamlNode> node = NodeReader.get(m, key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (type != ParamType.INT && type != ParamType.NUMBER) {
      r.problem(
          node.get().position(),
          "'" + key + "' applies to int and number parameters, and this one is " + type.id(),
          "write 'type: int' or 'type: number', or remove '" + key + "'");
      return Optional.empty();
    }
    Optional<Object> value =
        node.get() instanceof Scalar s ? type.read(s.text()) : Optional.empty();
    if (value.isEmpty()) {
      r.problem(
          node.get().position(),
          where
              + "."
              + key
              + " must be "
              + type.expected()
              + ", not "
              + (node.get() instanceof Scalar s ? "'" + s.text() + "'" : node.get().describe()),
          "");
      return Optional.empty();
    }
    return Optional.of((BigDecimal) value.get());
  }
}
