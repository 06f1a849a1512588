package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reports a {@code ${{ }}} in a field that is used as written, so it is never silently literal: a
 * workdir, an agent label, a matrix value, a secret's file... Expressions are substituted in {@code
 * run}, {@code when}, {@code env}, {@code inputs}, {@code outputs} and the commands of stages.
 */
final class LiteralFields {
  /** Top-level keys whose values are used as written. */
  private static final List<String> TOP =
      List.of("name", "params", "agents", "executor", "slurm", "secrets", "defaults", "timeout");

  /** Keys of a step whose values are used as written. */
  private static final List<String> STEP =
      List.of(
          "needs",
          "timeout",
          "retry",
          "workdir",
          "continueOnError",
          "agent",
          "priority",
          "concurrency",
          "secrets",
          "cache");

  /**
   * The parts of each stage that are substituted (commands, the health URL) or read as gate
   * expressions; the rest of a stage (metrics file, weights, bake, baseline...) is used as written.
   */
  private static final Map<String, Set<String>> STAGE_EXPANDED =
      Map.of(
          "validate", Set.of("run", "gates"),
          "benchmark", Set.of("run"),
          "deploy",
              Set.of(
                  "shift",
                  "switch",
                  "retire",
                  "rollback",
                  "health.http",
                  "health.run",
                  "analysis.run",
                  "analysis.gates"));

  /** {@code ${{ ... secrets ... }}} has an error of its own (SecretsReader). */
  private static final Pattern SECRET = Pattern.compile("\\$\\{\\{[^}]*\\bsecrets\\b");

  private LiteralFields() {}

  static void check(YamlMap top, NodeReader r) {
    for (String key : TOP) {
      NodeReader.get(top, key).ifPresent(n -> scan(n, "'" + key + "'", r));
    }
    if (NodeReader.get(top, "steps").orElse(null) instanceof YamlMap steps) {
      for (YamlNode.Entry step : steps.entries().values()) {
        if (step.value() instanceof YamlMap m) {
          for (String key : STEP) {
            NodeReader.get(m, key)
                .ifPresent(n -> scan(n, "'" + key + "' of step '" + step.key() + "'", r));
          }
          NodeReader.get(m, "matrix").ifPresent(n -> scanMatrix(n, step.key(), r));
          STAGE_EXPANDED.forEach(
              (stage, expanded) ->
                  NodeReader.get(m, stage)
                      .ifPresent(n -> scanStage(n, stage, "", expanded, step.key(), r)));
        }
      }
    }
  }

  /**
   * Scans a matrix but for an axis whose whole value is one expression: a dynamic axis, whose
   * values come from the step's needs when they end.
   */
  private static void scanMatrix(YamlNode node, String step, NodeReader r) {
    String where = "'matrix' of step '" + step + "'";
    if (!(node instanceof YamlMap map)) {
      scan(node, where, r);
      return;
    }
    for (YamlNode.Entry e : map.entries().values()) {
      boolean dynamic =
          !e.key().equals("include")
              && !e.key().equals("exclude")
              && e.value() instanceof Scalar s
              && s.text().strip().startsWith("${{");
      if (!dynamic) {
        scan(e.value(), where, r);
      }
    }
  }

  /** Scans a stage block, leaving out the parts at {@code expanded} (paths inside the stage). */
  private static void scanStage(
      YamlNode node, String stage, String path, Set<String> expanded, String step, NodeReader r) {
    if (node instanceof YamlMap map) {
      for (YamlNode.Entry e : map.entries().values()) {
        String inner = path.isEmpty() ? e.key() : path + "." + e.key();
        if (!expanded.contains(inner)) {
          scanStage(e.value(), stage, inner, expanded, step, r);
        }
      }
    } else {
      scan(node, "'" + stage + "." + path + "' of step '" + step + "'", r);
    }
  }

  private static void scan(YamlNode node, String where, NodeReader r) {
    if (node instanceof Scalar s) {
      String text = s.text();
      int open = text.indexOf("${{");
      if (open < 0 || SECRET.matcher(text).find()) {
        return;
      }
      SourcePosition at = s.quoted() ? s.position().shiftColumns(1) : s.position();
      if (text.lastIndexOf('\n', open) < 0) {
        at = at.shiftColumns(open);
      }
      r.problem(
          at,
          "${{ }} is not substituted in " + where + ": the value would be used as written",
          "write the value itself; ${{ }} is substituted in run, when, env, inputs, outputs and"
              + " stage commands (docs/expressions.md)");
    } else if (node instanceof YamlList list) {
      list.items().forEach(i -> scan(i, where, r));
    } else if (node instanceof YamlMap map) {
      map.entries().values().forEach(e -> scan(e.value(), where, r));
    }
  }
}
