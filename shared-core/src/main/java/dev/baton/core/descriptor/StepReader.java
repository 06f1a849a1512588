package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads one entry of {@code steps:} (and {@code defaults:}) into a {@link StepSpec}. */
final class StepReader {
  static final Pattern STEP_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  static final List<String> STEP_KEYS =
      List.of(
          "run",
          "validate",
          "benchmark",
          "deploy",
          "needs",
          "matrix",
          "when",
          "timeout",
          "retry",
          "env",
          "workdir",
          "continueOnError",
          "agent",
          "priority",
          "concurrency",
          "secrets",
          "cache",
          "inputs",
          "outputs",
          "maxCells",
          "container",
          "limits",
          "artifacts");

  static final Map<String, String> STEP_LATER = Map.of();
  static final List<String> DEFAULT_KEYS = List.of("timeout", "retry", "agent", "container");

  private StepReader() {}

  static StepDefaults defaults(YamlNode node, NodeReader r) {
    Optional<YamlMap> m = r.map(node, "defaults");
    if (m.isEmpty()) {
      return StepDefaults.NONE;
    }
    r.checkKeys(m.get(), "defaults", DEFAULT_KEYS, Map.of());
    Optional<Duration> timeout =
        NodeReader.get(m.get(), "timeout").flatMap(n -> duration(n, "defaults.timeout", r));
    RetryPolicy retry =
        NodeReader.get(m.get(), "retry")
            .map(n -> RetryReader.read(n, "defaults.retry", RetryPolicy.NONE, r))
            .orElse(RetryPolicy.NONE);
    AgentRequest agent =
        NodeReader.get(m.get(), "agent")
            .map(n -> AgentSpecReader.request(n, "defaults.agent", AgentRequest.ANY, r))
            .orElse(AgentRequest.ANY);
    Optional<ContainerSpec> container =
        NodeReader.get(m.get(), "container")
            .flatMap(n -> ContainerReader.read(n, "defaults.container", Optional.empty(), r));
    return new StepDefaults(timeout, retry, agent, container);
  }

  static Optional<StepSpec> read(
      YamlNode.Entry entry,
      StepDefaults defaults,
      Collection<String> declaredSecrets,
      NodeReader r) {
    String name = entry.key();
    if (!STEP_ID.matcher(name).matches()) {
      r.problem(
          entry.keyPosition(),
          "step name '" + name + "' is not a valid id",
          "use letters, digits, '_' and '-', starting with a letter or '_'");
    }
    String where = "step '" + name + "'";
    Optional<YamlMap> maybe = r.map(entry.value(), where);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    YamlMap m = maybe.get();
    r.checkKeys(m, where, STEP_KEYS, STEP_LATER);
    Command run = null;
    SourcePosition runAt = m.position();
    Optional<YamlNode> runNode = NodeReader.get(m, "run");
    Optional<StageReader.Read> stage = StageReader.read(m, where, r);
    if (runNode.isPresent()) {
      runAt = runNode.get().position();
      run = command(runNode.get(), where + ".run", r);
    } else if (stage.isPresent()) {
      runAt = stage.get().runAt();
      run = stage.get().run().orElse(null);
    } else if (StageReader.KINDS.stream().noneMatch(k -> NodeReader.keys(m).contains(k))
        && STEP_LATER.keySet().stream().noneMatch(k -> NodeReader.keys(m).contains(k))) {
      r.problem(
          entry.keyPosition(),
          where + " has nothing to run",
          "add 'run: <command>' (or a validate, benchmark or deploy block)");
    }
    List<NeedSpec> needCells = new ArrayList<>();
    List<String> needs =
        NodeReader.get(m, "needs")
            .map(n -> NeedsReader.read(n, where + ".needs", needCells, r))
            .orElse(List.of());
    int maxCells =
        NodeReader.get(m, "maxCells")
            .flatMap(n -> r.integer(n, where + ".maxCells", 1))
            .orElse(MatrixSpec.DEFAULT_MAX_CELLS);
    MatrixSpec matrix =
        NodeReader.get(m, "matrix")
            .map(n -> matrix(n, where + ".matrix", maxCells, r))
            .orElse(MatrixSpec.NONE);
    if (NodeReader.get(m, "maxCells").isPresent() && !matrix.isDynamic()) {
      r.problem(
          NodeReader.get(m, "maxCells").get().position(),
          where + " sets maxCells but its matrix has no axis computed from its needs",
          "remove maxCells, or give an axis a value such as"
              + " \"${{ fromJSON(needs.split.outputs.shards) }}\"");
    }
    String when = "";
    SourcePosition whenAt = m.position();
    Optional<YamlNode> whenNode = NodeReader.get(m, "when");
    if (whenNode.isPresent()) {
      whenAt = whenNode.get().position();
      when = r.scalarText(whenNode.get(), where + ".when").orElse("");
      if (whenNode.get() instanceof Scalar s && s.quoted()) {
        whenAt = whenAt.shiftColumns(1);
      }
    }
    Optional<Duration> timeout =
        NodeReader.get(m, "timeout")
            .flatMap(n -> duration(n, where + ".timeout", r))
            .or(defaults::timeout);
    RetryPolicy retry =
        NodeReader.get(m, "retry")
            .map(n -> RetryReader.read(n, where + ".retry", defaults.retry(), r))
            .orElse(defaults.retry());
    Map<String, String> env =
        NodeReader.get(m, "env").map(n -> r.stringMap(n, where + ".env")).orElse(Map.of());
    String workdir =
        NodeReader.get(m, "workdir")
            .map(n -> WorkdirReader.read(n, where + ".workdir", r))
            .orElse("");
    boolean continueOnError =
        NodeReader.get(m, "continueOnError")
            .flatMap(n -> r.bool(n, where + ".continueOnError"))
            .orElse(false);
    AgentRequest agent =
        NodeReader.get(m, "agent")
            .map(n -> AgentSpecReader.request(n, where + ".agent", defaults.agent(), r))
            .orElse(defaults.agent());
    int priority =
        NodeReader.get(m, "priority")
            .flatMap(n -> r.integer(n, where + ".priority", Integer.MIN_VALUE))
            .orElse(0);
    Optional<ConcurrencySpec> concurrency =
        NodeReader.get(m, "concurrency").flatMap(n -> concurrency(n, where + ".concurrency", r));
    List<String> secrets =
        NodeReader.get(m, "secrets")
            .map(n -> SecretsReader.stepSecrets(n, where + ".secrets", declaredSecrets, r))
            .orElse(List.of());
    CacheSpec cache = CacheReader.read(m, where, r);
    if (cache.enabled() && stage.isPresent()) {
      r.problem(
          NodeReader.get(m, "cache").get().position(),
          where
              + " is a "
              + stage.get().stage().kind().name().toLowerCase(Locale.ROOT)
              + " step, which cannot be cached",
          "cache the step that produces what it judges or ships; a validate, benchmark or deploy"
              + " step acts every run");
    }
    if (run == null) {
      run = new Command.Shell("");
    }
    Optional<ContainerSpec> container =
        NodeReader.get(m, "container")
            .map(n -> ContainerReader.read(n, where + ".container", defaults.container(), r))
            .orElse(defaults.container());
    List<ArtifactSpec> artifacts = ArtifactReader.read(m, where, r);
    if (!artifacts.isEmpty() && !matrix.isEmpty()) {
      r.problem(
          artifacts.get(0).position(),
          where + " has a matrix and artifacts: its cells would write the same file",
          "declare the artifact in a step without a matrix that picks or packages the result");
    }
    return Optional.of(
        new StepSpec(
            name,
            entry.keyPosition(),
            stage.map(st -> st.stage().kind()).orElse(StepKind.RUN),
            run,
            runAt,
            needs,
            matrix,
            when,
            whenAt,
            timeout,
            retry,
            env,
            workdir,
            continueOnError,
            agent,
            priority,
            concurrency,
            stage.map(StageReader.Read::stage),
            secrets,
            cache,
            needCells,
            container,
            artifacts));
  }

  static Command command(YamlNode node, String what, NodeReader r) {
    if (node instanceof Scalar s && s.type() != YamlNode.ScalarType.NULL) {
      if (s.text().isBlank()) {
        r.problem(s.position(), what + " is empty", "write the command to run");
      }
      return new Command.Shell(s.text());
    }
    if (node instanceof YamlList list) {
      List<String> args = new ArrayList<>();
      for (YamlNode item : list.items()) {
        r.scalarText(item, "each argument of " + what).ifPresent(args::add);
      }
      if (args.isEmpty()) {
        r.problem(
            node.position(),
            what + " is an empty list",
            "give the program and its arguments, such as [python3, train.py]");
      }
      return new Command.Argv(args);
    }
    r.wrongType(
        node,
        what,
        "a command string (run with sh -c) or a list of arguments (run without a shell)");
    return new Command.Shell("");
  }

  static Optional<Duration> duration(YamlNode node, String what, NodeReader r) {
    Optional<String> text = r.scalarText(node, what);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(text.get());
    if (d.isEmpty()) {
      r.problem(node.position(), what + " '" + text.get() + "' is not a duration", Durations.HINT);
    } else if (d.get().isZero()) {
      r.problem(node.position(), what + " must be longer than zero", Durations.HINT);
      return Optional.empty();
    }
    return d;
  }

  private static MatrixSpec matrix(YamlNode node, String what, int maxCells, NodeReader r) {
    Optional<YamlMap> m = r.map(node, what);
    if (m.isEmpty()) {
      return MatrixSpec.NONE;
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    List<Map<String, String>> include = new ArrayList<>();
    List<Map<String, String>> exclude = new ArrayList<>();
    Map<String, String> dynamic = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    for (YamlNode.Entry e : m.get().entries().values()) {
      if (e.key().equals("include") || e.key().equals("exclude")) {
        List<Map<String, String>> target = e.key().equals("include") ? include : exclude;
        if (e.value() instanceof YamlList list) {
          for (YamlNode item : list.items()) {
            target.add(r.stringMap(item, what + "." + e.key() + " item"));
          }
        } else {
          r.wrongType(e.value(), what + "." + e.key(), "a list of mappings such as [{lr: 0.1}]");
        }
        continue;
      }
      if (e.value() instanceof Scalar s && Template.containsExpression(s.text())) {
        try {
          Template.parse(s.text());
        } catch (ExpressionException ex) {
          r.problem(
              s.position().shiftColumns((s.quoted() ? 1 : 0) + ex.offset()),
              ex.problem() + " in " + what + "." + e.key(),
              ex.hint());
          continue;
        }
        if (Template.whole(s.text()).isEmpty()) {
          r.problem(
              s.position(),
              what + "." + e.key() + " mixes text and ${{ }}",
              "write one expression whose value is a list, such as"
                  + " ${{ fromJSON(needs.split.outputs.shards) }}");
          continue;
        }
        dynamic.put(e.key(), s.text().strip());
        order.add(e.key());
        continue;
      }
      if (!(e.value() instanceof YamlList list) || list.items().isEmpty()) {
        r.wrongType(
            e.value(),
            what + "." + e.key(),
            "a non-empty list of values, such as [0.001, 0.01], or an expression over the"
                + " step's needs, such as \"${{ fromJSON(needs.split.outputs.shards) }}\"");
        continue;
      }
      List<String> values = new ArrayList<>();
      for (YamlNode item : list.items()) {
        r.scalarText(item, "each value of " + what + "." + e.key()).ifPresent(values::add);
      }
      axes.put(e.key(), values);
      order.add(e.key());
    }
    return new MatrixSpec(axes, include, exclude, dynamic, order, maxCells);
  }

  private static Optional<ConcurrencySpec> concurrency(YamlNode node, String what, NodeReader r) {
    Optional<YamlMap> m = r.map(node, what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    r.checkKeys(m.get(), what, List.of("group", "limit", "scope"), Map.of());
    Optional<String> group =
        NodeReader.get(m.get(), "group").flatMap(n -> r.string(n, what + ".group"));
    if (NodeReader.get(m.get(), "group").isEmpty()) {
      r.problem(
          m.get().position(),
          what + " needs a 'group'",
          "name the shared resource, such as 'group: prod-deploy'");
    }
    int limit =
        NodeReader.get(m.get(), "limit").flatMap(n -> r.integer(n, what + ".limit", 1)).orElse(1);
    boolean machineWide = true;
    Optional<YamlNode> scope = NodeReader.get(m.get(), "scope");
    if (scope.isPresent()) {
      Optional<String> s = r.string(scope.get(), what + ".scope");
      if (s.isPresent() && !s.get().equals("machine") && !s.get().equals("run")) {
        r.problem(
            scope.get().position(),
            what + ".scope is '" + s.get() + "'",
            "use 'machine' (every Baton run on this machine counts, the default) or 'run'");
      }
      machineWide = !s.orElse("machine").equals("run");
    }
    boolean counted = machineWide;
    return group.map(g -> new ConcurrencySpec(g, limit, counted));
  }
}
