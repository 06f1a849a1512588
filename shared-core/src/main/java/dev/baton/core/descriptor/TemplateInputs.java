package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.DidYouMean;
import dev.baton.core.errors.SourcePosition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values a step gives a template's typed inputs under {@code with:}, checked against the
 * template's declarations: an unknown, missing or mistyped input is reported at the using step and
 * names the line where the template declares it.
 */
final class TemplateInputs {
  private TemplateInputs() {}

  /** Each input's value as text: given under {@code with:}, else its default. */
  static Map<String, String> values(
      NodeReader r,
      YamlNode.Entry e,
      YamlMap using,
      YamlNode usesNode,
      String name,
      Map<String, ParamSpec> inputs,
      YamlMap inputsNode) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, YamlNode.Entry> given =
        NodeReader.get(using, "with")
            .flatMap(n -> r.map(n, "step '" + e.key() + "'.with"))
            .map(YamlMap::entries)
            .orElse(Map.of());
    for (YamlNode.Entry g : given.values()) {
      ParamSpec spec = inputs.get(g.key());
      if (spec == null) {
        String hint = DidYouMean.hint(g.key(), inputs.keySet());
        r.problem(
            g.keyPosition(),
            name
                + " has no input '"
                + g.key()
                + "'"
                + (inputs.isEmpty() ? "" : " (its inputs are at " + inputsNode.position() + ")"),
            hint.isEmpty()
                ? inputs.isEmpty()
                    ? "remove 'with:': the template takes no inputs"
                    : "its inputs are " + String.join(", ", inputs.keySet())
                : hint);
        continue;
      }
      Optional<String> text = r.scalarText(g.value(), "input '" + g.key() + "'");
      if (text.isEmpty()) {
        continue;
      }
      Optional<Object> value = spec.read(text.get());
      if (value.isEmpty()) {
        r.problem(
            g.value().position(),
            "input '"
                + g.key()
                + "' of "
                + name
                + " must be "
                + spec.allowed()
                + ", not '"
                + text.get()
                + "' (declared at "
                + declaredAt(inputsNode, g.key())
                + ")",
            "give a value of its type under 'with:'");
        continue;
      }
      values.put(g.key(), ParamType.text(value.get()));
    }
    for (ParamSpec spec : inputs.values()) {
      if (given.containsKey(spec.name())) {
        continue;
      }
      boolean hasDefault =
          !(NodeReader.get(inputsNode, spec.name()).orElse(null) instanceof YamlMap m)
              || m.entries().containsKey("default");
      if (hasDefault) {
        values.put(spec.name(), spec.defaultValue());
      } else {
        r.problem(
            usesNode.position(),
            name
                + " needs input '"
                + spec.name()
                + "' ("
                + spec.allowed()
                + ", declared at "
                + declaredAt(inputsNode, spec.name())
                + ")",
            "give it under 'with:', such as 'with: {" + spec.name() + ": ...}'");
      }
    }
    return values;
  }

  private static SourcePosition declaredAt(YamlMap inputsNode, String input) {
    YamlNode.Entry e = inputsNode.entries().get(input);
    return e == null ? inputsNode.position() : e.keyPosition();
  }
}
