package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code limits:} at the top of the descriptor and in each step into a {@link LimitsPolicy}.
 */
final class LimitsReader {
  private LimitsReader() {}

  static LimitsPolicy read(YamlMap top, NodeReader r) {
    LimitsPolicy.Mode pipeline =
        NodeReader.get(top, "limits")
            .flatMap(n -> mode(n, "limits", r))
            .orElse(LimitsPolicy.Mode.ADVISORY);
    Map<String, LimitsPolicy.Mode> steps = new LinkedHashMap<>();
    Optional<YamlNode> stepsNode = NodeReader.get(top, "steps");
    if (stepsNode.isPresent() && stepsNode.get() instanceof YamlMap all) {
      for (YamlNode.Entry step : all.entries().values()) {
        if (step.value() instanceof YamlMap m) {
          NodeReader.get(m, "limits")
              .flatMap(n -> mode(n, step.key() + ".limits", r))
              .ifPresent(mode -> steps.put(step.key(), mode));
        }
      }
    }
    return new LimitsPolicy(pipeline, steps);
  }

  private static Optional<LimitsPolicy.Mode> mode(YamlNode node, String what, NodeReader r) {
    Optional<String> text = r.string(node, what);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    switch (text.get()) {
      case "enforce", "advisory" -> {
        return Optional.of(LimitsPolicy.Mode.valueOf(text.get().toUpperCase(Locale.ROOT)));
      }
      default -> {
        r.problem(
            node.position(),
            "'" + what + "' is '" + text.get() + "', which is not a limits mode",
            "write 'enforce' (memory and cpus hold) or 'advisory' (they only place the step)");
        return Optional.empty();
      }
    }
  }
}
