package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.DidYouMean;
import dev.baton.core.errors.SourcePosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands steps that {@code uses:} a template into the template's steps, before the descriptor is
 * bound. A template (a file, or an entry of {@code templates:}) declares typed {@code inputs} (as
 * typed params are declared; one without a default must be given), {@code outputs} (which of its
 * steps writes each) and {@code steps}. Its {@code ${{ inputs.NAME }}} are replaced by the values
 * under {@code with:}, checked against their types here, so a mistake is reported at the using step
 * and names the template's input line. A template of one step becomes the using step; one of
 * several becomes {@code <step>-<its step>} each, and a {@code needs} on the using step's name
 * means its last steps.
 */
final class StepTemplates {
  static final List<String> KEYS = List.of("version", "description", "inputs", "outputs", "steps");
  static final List<String> USING_KEYS = List.of("uses", "with", "needs");

  private static final Pattern INPUT =
      Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z_][A-Za-z0-9_-]*)\\s*}}");

  private final IncludeFiles files;
  private final NodeReader r;
  private final Map<String, YamlNode.Entry> named;

  /** Each expanded group's name, with its last steps. */
  private final Map<String, List<String>> groups = new LinkedHashMap<>();

  private final GroupOutputs outputs = new GroupOutputs();

  private StepTemplates(IncludeFiles files, Map<String, YamlNode.Entry> named, NodeReader r) {
    this.files = files;
    this.named = named;
    this.r = r;
  }

  /** {@code top} with every step that uses a template expanded; {@code templates:} removed. */
  static YamlMap expand(YamlMap top, IncludeFiles files, NodeReader r) {
    Map<String, YamlNode.Entry> named = new LinkedHashMap<>();
    NodeReader.get(top, "templates")
        .flatMap(n -> r.map(n, "templates"))
        .ifPresent(m -> named.putAll(m.entries()));
    Optional<YamlNode> steps = NodeReader.get(top, "steps");
    boolean uses =
        steps.orElse(null) instanceof YamlMap m
            && m.entries().values().stream()
                .anyMatch(e -> e.value() instanceof YamlMap s && s.entries().containsKey("uses"));
    if (!uses && named.isEmpty()) {
      return top;
    }
    StepTemplates t = new StepTemplates(files, named, r);
    Map<String, YamlNode.Entry> out = new LinkedHashMap<>(top.entries());
    out.remove("templates");
    if (steps.orElse(null) instanceof YamlMap stepMap) {
      SourcePosition at =
          Optional.ofNullable(top.entries().get("steps"))
              .map(YamlNode.Entry::keyPosition)
              .orElse(stepMap.position());
      out.put("steps", new YamlNode.Entry("steps", at, t.expandSteps(stepMap)));
    }
    return new YamlMap(top.position(), out);
  }

  private YamlMap expandSteps(YamlMap steps) {
    Map<String, YamlNode.Entry> out = new LinkedHashMap<>();
    for (YamlNode.Entry e : steps.entries().values()) {
      if (e.value() instanceof YamlMap m && m.entries().containsKey("uses")) {
        for (YamlNode.Entry x : use(e, m)) {
          YamlNode.Entry before = out.get(x.key());
          if (before != null) {
            r.problem(
                e.keyPosition(),
                "step '"
                    + x.key()
                    + "' made from the template is defined twice: here and at "
                    + before.keyPosition(),
                "rename the step that uses the template");
          }
          out.put(x.key(), x);
        }
      } else {
        out.put(e.key(), e);
      }
    }
    if (groups.isEmpty()) {
      return new YamlMap(steps.position(), out);
    }
    Map<String, YamlNode.Entry> rewritten = new LinkedHashMap<>();
    out.forEach((k, v) -> rewritten.put(k, needsOnGroups(v)));
    return new YamlMap(steps.position(), rewritten);
  }

  /** The steps the using step {@code e} stands for; none when the template cannot be used. */
  private List<YamlNode.Entry> use(YamlNode.Entry e, YamlMap using) {
    String where = "step '" + e.key() + "'";
    r.checkKeys(using, where + " (it uses a template)", USING_KEYS, Map.of());
    YamlNode usesNode = NodeReader.get(using, "uses").orElseThrow();
    Optional<String> uses = r.string(usesNode, where + ".uses");
    if (uses.isEmpty()) {
      return List.of();
    }
    Optional<YamlMap> template = template(e, uses.get(), usesNode.position());
    if (template.isEmpty()) {
      return List.of();
    }
    String name = "template '" + uses.get() + "'";
    YamlMap body = template.get();
    r.checkKeys(body, name, KEYS, Map.of());
    YamlMap inputsNode =
        NodeReader.get(body, "inputs")
            .flatMap(n -> r.map(n, name + " inputs"))
            .orElse(new YamlMap(body.position(), Map.of()));
    Map<String, ParamSpec> inputs = ParamReader.read(inputsNode, name + " inputs", false, r);
    Map<String, String> values =
        TemplateInputs.values(r, e, using, usesNode, name, inputs, inputsNode);
    Optional<YamlMap> steps = NodeReader.get(body, "steps").flatMap(n -> r.map(n, name + " steps"));
    if (steps.isEmpty() || steps.get().entries().isEmpty()) {
      r.problem(body.position(), name + " has no steps", "add 'steps:' with at least one step");
      return List.of();
    }
    Map<String, String> declared = checkOutputs(body, steps.get(), name);
    Map<String, String> rename = new LinkedHashMap<>();
    boolean single = steps.get().entries().size() == 1;
    for (String inner : steps.get().entries().keySet()) {
      rename.put(inner, single ? e.key() : e.key() + "-" + inner);
    }
    if (!single) {
      Map<String, String> writers = new LinkedHashMap<>();
      declared.forEach((output, step) -> writers.put(output, rename.get(step)));
      outputs.declare(e.key(), name, writers);
    }
    List<String> givenNeeds =
        NodeReader.get(using, "needs")
            .map(n -> r.stringList(n, where + ".needs"))
            .orElse(List.of());
    SourcePosition needsAt =
        NodeReader.get(using, "needs").map(YamlNode::position).orElse(usesNode.position());
    List<YamlNode.Entry> out = new ArrayList<>();
    Set<String> needed = new HashSet<>();
    for (YamlNode.Entry inner : steps.get().entries().values()) {
      if (inner.value() instanceof YamlMap im && im.entries().containsKey("uses")) {
        r.problem(
            inner.keyPosition(),
            "a template's step cannot use another template",
            "write the steps out in the template");
        continue;
      }
      YamlNode body2 = substitute(inner.value(), values, inputs, name);
      if (body2 instanceof YamlMap bm) {
        body2 = renameNeeds(bm, rename, givenNeeds, needsAt, needed);
      }
      out.add(
          new YamlNode.Entry(
              rename.getOrDefault(inner.key(), inner.key()), inner.keyPosition(), body2));
    }
    if (!single) {
      groups.put(
          e.key(),
          rename.entrySet().stream()
              .filter(x -> !needed.contains(x.getKey()))
              .map(Map.Entry::getValue)
              .toList());
    }
    return out;
  }

  private Optional<YamlMap> template(YamlNode.Entry e, String uses, SourcePosition at) {
    if (!uses.contains("/") && !uses.endsWith(".yaml") && !uses.endsWith(".yml")) {
      YamlNode.Entry t = named.get(uses);
      if (t == null) {
        String hint = DidYouMean.hint(uses, named.keySet());
        r.problem(
            at,
            "no template named '" + uses + "'",
            hint.isEmpty()
                ? "define it under 'templates:', or name a template file such as templates/"
                    + uses
                    + ".yaml"
                : hint);
        return Optional.empty();
      }
      return r.map(t.value(), "template '" + uses + "'");
    }
    return files
        .resolve(e.keyPosition().file(), uses, at, "template")
        .flatMap(p -> files.read(p, at, "template"));
  }

  /** The template's outputs, each with the template step that writes it; checked. */
  private Map<String, String> checkOutputs(YamlMap body, YamlMap steps, String name) {
    Optional<YamlMap> outputs =
        NodeReader.get(body, "outputs").flatMap(n -> r.map(n, name + " outputs"));
    Map<String, String> declared = new LinkedHashMap<>();
    if (outputs.isEmpty()) {
      return declared;
    }
    for (YamlNode.Entry o : outputs.get().entries().values()) {
      YamlNode stepNode = o.value();
      if (o.value() instanceof YamlMap m) {
        r.checkKeys(
            m, name + " output '" + o.key() + "'", List.of("step", "description"), Map.of());
        stepNode = NodeReader.get(m, "step").orElse(m);
      }
      Optional<String> step = r.string(stepNode, name + " output '" + o.key() + "' step");
      if (step.isPresent() && !steps.entries().containsKey(step.get())) {
        r.problem(
            stepNode.position(),
            name + " output '" + o.key() + "' names step '" + step.get() + "', which it lacks",
            "name the template's step that writes it: "
                + String.join(", ", steps.entries().keySet()));
      } else {
        step.ifPresent(st -> declared.put(o.key(), st));
      }
    }
    return declared;
  }

  /** {@code node} with each {@code ${{ inputs.NAME }}} replaced by the input's value. */
  private YamlNode substitute(
      YamlNode node, Map<String, String> values, Map<String, ParamSpec> declared, String name) {
    if (node instanceof Scalar s) {
      if (!s.text().contains("inputs.")) {
        return s;
      }
      Matcher m = INPUT.matcher(s.text());
      StringBuilder sb = new StringBuilder();
      boolean whole = m.matches();
      m.reset();
      String only = null;
      while (m.find()) {
        String input = m.group(1);
        String value = values.get(input);
        if (value == null) {
          if (!declared.containsKey(input)) {
            r.problem(
                s.position(),
                name + " reads input '" + input + "', which it does not declare",
                "declare it under 'inputs:'");
          }
          value = "";
        }
        only = input;
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      YamlNode.ScalarType type = s.type();
      if (whole && only != null && declared.containsKey(only)) {
        type =
            switch (declared.get(only).type()) {
              case INT -> YamlNode.ScalarType.INTEGER;
              case NUMBER -> YamlNode.ScalarType.DECIMAL;
              case BOOL -> YamlNode.ScalarType.BOOLEAN;
              default -> YamlNode.ScalarType.STRING;
            };
      }
      return new Scalar(s.position(), sb.toString(), type, s.quoted());
    }
    if (node instanceof YamlList list) {
      return new YamlList(
          list.position(),
          list.items().stream().map(i -> substitute(i, values, declared, name)).toList());
    }
    if (node instanceof YamlMap map) {
      Map<String, YamlNode.Entry> out = new LinkedHashMap<>();
      for (YamlNode.Entry e : map.entries().values()) {
        out.put(
            e.key(),
            new YamlNode.Entry(
                e.key(), e.keyPosition(), substitute(e.value(), values, declared, name)));
      }
      return new YamlMap(map.position(), out);
    }
    return node;
  }

  /** A template step with its needs on other template steps renamed, and the using step's added. */
  private YamlMap renameNeeds(
      YamlMap step,
      Map<String, String> rename,
      List<String> given,
      SourcePosition givenAt,
      Set<String> needed) {
    Map<String, YamlNode.Entry> out = new LinkedHashMap<>(step.entries());
    YamlNode.Entry needs = step.entries().get("needs");
    List<YamlNode> items = new ArrayList<>();
    SourcePosition at = givenAt;
    if (needs != null) {
      at = needs.value().position();
      List<YamlNode> old = needs.value() instanceof YamlList l ? l.items() : List.of(needs.value());
      for (YamlNode item : old) {
        if (item instanceof Scalar s && rename.containsKey(s.text().strip())) {
          needed.add(s.text().strip());
          items.add(new Scalar(s.position(), rename.get(s.text().strip()), s.type(), s.quoted()));
        } else {
          items.add(item);
        }
      }
    }
    if (needs == null
        || items.stream().noneMatch(i -> i instanceof Scalar s && rename.containsValue(s.text()))) {
      for (String g : given) {
        items.add(new Scalar(givenAt, g, YamlNode.ScalarType.STRING, false));
      }
    }
    if (items.isEmpty()) {
      return step;
    }
    out.put(
        "needs",
        new YamlNode.Entry(
            "needs", needs == null ? at : needs.keyPosition(), new YamlList(at, items)));
    return new YamlMap(step.position(), out);
  }

  /** A step whose needs name an expanded group with the group's last steps instead. */
  private YamlNode.Entry needsOnGroups(YamlNode.Entry step) {
    if (!(step.value() instanceof YamlMap m) || !m.entries().containsKey("needs")) {
      return step;
    }
    YamlNode.Entry needs = m.entries().get("needs");
    List<YamlNode> old = needs.value() instanceof YamlList l ? l.items() : List.of(needs.value());
    List<YamlNode> items = new ArrayList<>();
    Set<String> needed = new HashSet<>();
    for (YamlNode item : old) {
      String group = item instanceof Scalar s ? s.text().strip() : "";
      List<String> last = groups.get(group);
      if (last == null) {
        items.add(item);
        continue;
      }
      needed.add(group);
      // The steps writing the group's outputs are needed too, so its outputs can be read.
      Set<String> waitFor = new LinkedHashSet<>(last);
      waitFor.addAll(outputs.writers(group));
      for (String l : waitFor) {
        items.add(new Scalar(item.position(), l, YamlNode.ScalarType.STRING, false));
      }
    }
    if (needed.isEmpty()) {
      return step;
    }
    Map<String, YamlNode.Entry> out = new LinkedHashMap<>();
    for (YamlNode.Entry x : m.entries().values()) {
      out.put(
          x.key(),
          new YamlNode.Entry(x.key(), x.keyPosition(), outputs.rewrite(x.value(), needed, r)));
    }
    out.put(
        "needs",
        new YamlNode.Entry(
            "needs", needs.keyPosition(), new YamlList(needs.value().position(), items)));
    return new YamlNode.Entry(step.key(), step.keyPosition(), new YamlMap(m.position(), out));
  }
}
