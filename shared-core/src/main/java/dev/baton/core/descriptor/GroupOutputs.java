package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outputs a template of several steps declares, read through the using step's name: in a step
 * that needs the group, {@code needs.<group>.outputs.NAME} becomes {@code needs.<group>-<its
 * step>.outputs.NAME} for the template step the output names, so users write what the template
 * promises, not how it is built inside.
 */
final class GroupOutputs {
  private static final Pattern READ =
      Pattern.compile("needs\\.([A-Za-z0-9_][A-Za-z0-9_-]*)\\.outputs\\.([A-Za-z_][A-Za-z0-9_-]*)");

  /** Each group's declared outputs: output name → the expanded step that writes it. */
  private final Map<String, Map<String, String>> byGroup = new LinkedHashMap<>();

  private final Map<String, String> templateOf = new LinkedHashMap<>();

  void declare(String group, String template, Map<String, String> outputs) {
    byGroup.put(group, outputs);
    templateOf.put(group, template);
  }

  boolean isEmpty() {
    return byGroup.isEmpty();
  }

  /** The steps that write {@code group}'s declared outputs. */
  Collection<String> writers(String group) {
    return byGroup.getOrDefault(group, Map.of()).values();
  }

  /**
   * {@code node} with each read of an output of one of the {@code needed} groups turned into a read
   * of the step that writes it.
   */
  YamlNode rewrite(YamlNode node, Set<String> needed, NodeReader r) {
    if (node instanceof Scalar s) {
      if (!s.text().contains(".outputs.")) {
        return s;
      }
      Matcher m = READ.matcher(s.text());
      StringBuilder sb = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        Map<String, String> outputs = byGroup.get(m.group(1));
        if (outputs == null || !needed.contains(m.group(1))) {
          continue;
        }
        String step = outputs.get(m.group(2));
        if (step == null) {
          r.problem(
              s.position().shiftColumns((s.quoted() ? 1 : 0) + m.start()),
              templateOf.get(m.group(1))
                  + " (used by step '"
                  + m.group(1)
                  + "') declares no output '"
                  + m.group(2)
                  + "'",
              outputs.isEmpty()
                  ? "declare it under the template's 'outputs:', naming the step that writes it"
                  : "read one it declares: " + String.join(", ", outputs.keySet()));
          continue;
        }
        changed = true;
        m.appendReplacement(
            sb, Matcher.quoteReplacement("needs." + step + ".outputs." + m.group(2)));
      }
      if (!changed) {
        return s;
      }
      m.appendTail(sb);
      return new Scalar(s.position(), sb.toString(), s.type(), s.quoted());
    }
    if (node instanceof YamlList list) {
      return new YamlList(
          list.position(), list.items().stream().map(i -> rewrite(i, needed, r)).toList());
    }
    if (node instanceof YamlMap map) {
      Map<String, YamlNode.Entry> out = new LinkedHashMap<>();
      for (YamlNode.Entry e : map.entries().values()) {
        out.put(
            e.key(), new YamlNode.Entry(e.key(), e.keyPosition(), rewrite(e.value(), needed, r)));
      }
      return new YamlMap(map.position(), out);
    }
    return node;
  }
}
