package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads a step's {@code validate:}, {@code benchmark:} or {@code deploy:} block. */
final class StageReader {
  static final List<String> KINDS = List.of("validate", "benchmark", "deploy");

  /**
   * A stage as read: the stage and the command it runs as the step's {@code run}.
   *
   * @param run the stage's own {@code run}; empty for deploy and for validate without one
   */
  record Read(StageSpec stage, Optional<Command> run, SourcePosition runAt) {}

  private StageReader() {}

  /** The stage of step {@code m}, if it has one key of {@link #KINDS}; problems go to {@code r}. */
  static Optional<Read> read(YamlMap m, String where, NodeReader r) {
    List<YamlNode.Entry> found =
        m.entries().values().stream().filter(e -> KINDS.contains(e.key())).toList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlNode.Entry first = found.get(0);
    if (found.size() > 1 || NodeReader.get(m, "run").isPresent()) {
      r.problem(
          found.size() > 1 ? found.get(1).keyPosition() : first.keyPosition(),
          where + " does more than one thing",
          "a step has exactly one of run, validate, benchmark and deploy; split it into steps");
    }
    String what = where + "." + first.key();
    Optional<YamlMap> body = r.map(first.value(), what);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    return switch (first.key()) {
      case "validate" -> Optional.of(validate(body.get(), first.keyPosition(), what, r));
      case "benchmark" -> Optional.of(benchmark(body.get(), first.keyPosition(), what, r));
      default ->
          Optional.of(
              new Read(
                  DeployReader.read(body.get(), first.keyPosition(), what, r),
                  Optional.empty(),
                  first.keyPosition()));
    };
  }

  private static Read validate(YamlMap m, SourcePosition at, String what, NodeReader r) {
    r.checkKeys(m, what, List.of("run", "metrics", "gates"), Map.of());
    String metrics =
        NodeReader.get(m, "metrics").flatMap(n -> r.string(n, what + ".metrics")).orElse("");
    if (NodeReader.get(m, "metrics").isEmpty()) {
      r.problem(
          m.position(),
          what + " needs 'metrics'",
          "name the JSON file the command writes, such as 'metrics: build/metrics.json'");
    }
    List<GateSpec> gates =
        required(m, "gates", what, r)
            .map(n -> GateReader.list(n, what + ".gates", r))
            .orElse(List.of());
    Optional<YamlNode> run = NodeReader.get(m, "run");
    return new Read(
        new StageSpec.Validate(at, metrics, gates),
        run.map(n -> StepReader.command(n, what + ".run", r)),
        run.map(YamlNode::position).orElse(at));
  }

  private static Read benchmark(YamlMap m, SourcePosition at, String what, NodeReader r) {
    r.checkKeys(
        m, what, List.of("run", "warmup", "repeat", "items", "latencies", "regression"), Map.of());
    Optional<YamlNode> run = required(m, "run", what, r);
    int warmup =
        NodeReader.get(m, "warmup").flatMap(n -> r.integer(n, what + ".warmup", 0)).orElse(1);
    int repeat =
        NodeReader.get(m, "repeat").flatMap(n -> r.integer(n, what + ".repeat", 1)).orElse(10);
    OptionalInt items =
        NodeReader.get(m, "items")
            .flatMap(n -> r.integer(n, what + ".items", 1))
            .map(OptionalInt::of)
            .orElse(OptionalInt.empty());
    Optional<String> latencies =
        NodeReader.get(m, "latencies").flatMap(n -> r.string(n, what + ".latencies"));
    Optional<StageSpec.Regression> regression =
        NodeReader.get(m, "regression").flatMap(n -> regression(n, what + ".regression", r));
    return new Read(
        new StageSpec.Benchmark(at, warmup, repeat, items, latencies, regression),
        run.map(n -> StepReader.command(n, what + ".run", r)),
        run.map(YamlNode::position).orElse(at));
  }

  private static Optional<StageSpec.Regression> regression(
      YamlNode node, String what, NodeReader r) {
    Optional<YamlMap> m = r.map(node, what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    r.checkKeys(
        m.get(),
        what,
        List.of("baseline", "maxSlowdown", "confidence", "failOnInconclusive"),
        Map.of());
    Optional<String> baseline =
        required(m.get(), "baseline", what, r).flatMap(n -> r.string(n, what + ".baseline"));
    double slowdown =
        NodeReader.get(m.get(), "maxSlowdown")
            .flatMap(n -> GateReader.tolerance(n, what + ".maxSlowdown", r))
            .map(t -> t.amount())
            .orElse(0.05);
    double confidence =
        NodeReader.get(m.get(), "confidence")
            .flatMap(n -> r.number(n, what + ".confidence"))
            .orElse(0.95);
    if (confidence <= 0 || confidence >= 1) {
      r.problem(
          m.get().position(),
          what + ".confidence must lie between 0 and 1",
          "write a number such as 0.95 or 0.99");
    }
    boolean strict =
        NodeReader.get(m.get(), "failOnInconclusive")
            .flatMap(n -> r.bool(n, what + ".failOnInconclusive"))
            .orElse(false);
    return baseline.map(b -> new StageSpec.Regression(b, slowdown, confidence, strict));
  }

  /** The value under {@code key}, reporting a problem when it is missing. */
  static Optional<YamlNode> required(YamlMap m, String key, String what, NodeReader r) {
    Optional<YamlNode> node = NodeReader.get(m, key);
    if (node.isEmpty()) {
      r.problem(
          m.position(),
          what + " needs '" + key + "'",
          "add '" + key + ":' (see docs/descriptor.md)");
    }
    return node;
  }
}
