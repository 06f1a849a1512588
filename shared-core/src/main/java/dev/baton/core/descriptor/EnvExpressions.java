package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Quoting;
import dev.baton.core.expr.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the {@code ${{ }}} in {@code env:} values when the descriptor is read, so {@code baton
 * check} reports a mistake at its line and column: a value is evaluated against the parameters'
 * defaults, the pipeline's env and a matrix cell with every key, exactly as the planner evaluates
 * it later. The pipeline's {@code env} reads {@code params.*}; a step's {@code env} also reads
 * {@code matrix.*} and {@code env.*}, the pipeline's env (never its own variables, whose order
 * would matter).
 */
final class EnvExpressions {
  /** What the pipeline's env may read. */
  static final Set<String> PIPELINE_CONTEXTS = Set.of("params");

  /** What a step's env may read. */
  static final Set<String> STEP_CONTEXTS = Set.of("params", "matrix", "env");

  private EnvExpressions() {}

  static void check(PipelineDescriptor d, YamlMap top, NodeReader r) {
    Map<String, Object> context = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    d.paramSpecs().forEach((k, p) -> params.put(k, p.type().read(p.defaultValue()).orElse("")));
    context.put("params", params);
    NodeReader.get(top, "env")
        .ifPresent(
            env ->
                checkValues(
                    env,
                    "the pipeline's env",
                    PIPELINE_CONTEXTS,
                    "the pipeline's env can read params.* only; read matrix.* and env.* in a"
                        + " step's env",
                    context,
                    r));
    Optional<YamlNode> steps = NodeReader.get(top, "steps");
    if (steps.isEmpty() || !(steps.get() instanceof YamlMap stepMap)) {
      return;
    }
    for (YamlNode.Entry entry : stepMap.entries().values()) {
      StepSpec spec = d.steps().get(entry.key());
      if (spec == null || !(entry.value() instanceof YamlMap step)) {
        continue;
      }
      Map<String, Object> stepContext = new LinkedHashMap<>(context);
      stepContext.put("env", d.env());
      stepContext.put("matrix", everyKey(spec.matrix()));
      NodeReader.get(step, "env")
          .ifPresent(
              env ->
                  checkValues(
                      env,
                      "the env of step '" + spec.name() + "'",
                      STEP_CONTEXTS,
                      "a step's env can read params.*, matrix.* and env.* (the pipeline's env)",
                      stepContext,
                      r));
    }
  }

  /** A stand-in cell with every key any cell can have, each with a value it can take. */
  private static Map<String, String> everyKey(MatrixSpec matrix) {
    Map<String, String> cell = new LinkedHashMap<>();
    matrix.axes().forEach((k, values) -> cell.put(k, values.isEmpty() ? "" : values.get(0)));
    for (Map<String, String> extra : matrix.include()) {
      extra.forEach(cell::putIfAbsent);
    }
    return cell;
  }

  private static void checkValues(
      YamlNode env,
      String where,
      Set<String> contexts,
      String readable,
      Map<String, Object> context,
      NodeReader r) {
    if (!(env instanceof YamlMap map)) {
      return;
    }
    Bindings bindings = Bindings.of(context);
    for (YamlNode.Entry e : map.entries().values()) {
      if (!(e.value() instanceof Scalar value) || !Template.containsExpression(value.text())) {
        continue;
      }
      SourcePosition at = value.quoted() ? value.position().shiftColumns(1) : value.position();
      String what = "in " + e.key() + " of " + where;
      try {
        Template template = Template.parse(value.text());
        if (readsSecrets(template)) {
          continue; // SecretsReader reports it: a secret never reaches a value
        }
        if (contexts.contains("env")
            && template.references().stream().anyMatch(n -> root(n).equals("needs"))) {
          continue; // read when the step is ready; the planner checks the names
        }
        Optional<String> outside = outsideContexts(template, contexts);
        if (outside.isPresent()) {
          r.problem(
              at.shiftColumns(Math.max(0, value.text().indexOf(outside.get()))),
              "'" + outside.get() + "' cannot be read " + what,
              readable);
          continue;
        }
        template.render(bindings, Quoting.NONE);
      } catch (ExpressionException ex) {
        r.problem(at.shiftColumns(ex.offset()), ex.problem() + " " + what, ex.hint());
      }
    }
  }

  /** The first name the template reads from a context {@code contexts} lacks. */
  private static Optional<String> outsideContexts(Template template, Set<String> contexts) {
    return template.references().stream().filter(n -> !contexts.contains(root(n))).findFirst();
  }

  private static boolean readsSecrets(Template template) {
    return template.references().stream().anyMatch(n -> root(n).equals("secrets"));
  }

  private static String root(String name) {
    return name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
  }
}
