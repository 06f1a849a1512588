package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a step's {@code deploy:} block, with its {@code health} and {@code analysis} checks. */
final class DeployReader {
  private static final List<String> KEYS =
      List.of(
          "strategy",
          "weights",
          "bake",
          "shift",
          "switch",
          "retire",
          "health",
          "analysis",
          "rollback");

  private DeployReader() {}

  static DeploySpec read(YamlMap m, SourcePosition at, String what, NodeReader r) {
    r.checkKeys(m, what, KEYS, Map.of());
    String name =
        NodeReader.get(m, "strategy")
            .flatMap(n -> r.string(n, what + ".strategy"))
            .orElse("direct");
    DeploySpec.Strategy strategy = DeploySpec.Strategy.DIRECT;
    switch (name) {
      case "direct" -> {}
      case "canary" -> strategy = DeploySpec.Strategy.CANARY;
      case "blue-green" -> strategy = DeploySpec.Strategy.BLUE_GREEN;
      default ->
          r.problem(
              m.position(),
              what + ".strategy '" + name + "' is unknown",
              "use direct, canary or blue-green");
    }
    List<Integer> weights =
        NodeReader.get(m, "weights")
            .map(n -> weights(n, what + ".weights", r))
            .orElse(List.of(10, 50, 100));
    Duration bake =
        NodeReader.get(m, "bake")
            .flatMap(n -> StepReader.duration(n, what + ".bake", r))
            .orElse(Duration.ZERO);
    Optional<Command> shift = command(m, "shift", what, r);
    Optional<Command> switchCommand = command(m, "switch", what, r);
    if (strategy == DeploySpec.Strategy.CANARY && shift.isEmpty()) {
      r.problem(
          m.position(),
          what + " is a canary without 'shift'",
          "add 'shift: <command using ${{ deploy.weight }}>'");
    }
    if (strategy != DeploySpec.Strategy.CANARY && switchCommand.isEmpty()) {
      r.problem(
          m.position(),
          what + " (" + strategy.id() + ") needs 'switch'",
          "add 'switch: <command that sends all traffic to the new version>'");
    }
    Optional<DeploySpec.Health> health =
        NodeReader.get(m, "health").flatMap(n -> health(n, what + ".health", r));
    Optional<DeploySpec.Analysis> analysis =
        NodeReader.get(m, "analysis").flatMap(n -> analysis(n, what + ".analysis", r));
    return new DeploySpec(
        at,
        strategy,
        weights,
        bake,
        shift,
        switchCommand,
        command(m, "retire", what, r),
        health,
        analysis,
        command(m, "rollback", what, r));
  }

  private static Optional<Command> command(YamlMap m, String key, String what, NodeReader r) {
    return NodeReader.get(m, key).map(n -> StepReader.command(n, what + "." + key, r));
  }

  private static List<Integer> weights(YamlNode node, String what, NodeReader r) {
    List<Integer> out = new ArrayList<>();
    if (!(node instanceof YamlList list) || list.items().isEmpty()) {
      r.wrongType(node, what, "a non-empty list of percentages, such as [10, 50, 100]");
      return List.of(10, 50, 100);
    }
    for (YamlNode item : list.items()) {
      r.integer(item, "each of " + what, 1)
          .ifPresent(
              w -> {
                if (w > 100) {
                  r.problem(
                      item.position(),
                      what + " has " + w + ", above 100",
                      "weights are percentages from 1 to 100");
                }
                out.add(w);
              });
    }
    return out;
  }

  private static Optional<DeploySpec.Health> health(YamlNode node, String what, NodeReader r) {
    Optional<YamlMap> m = r.map(node, what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    YamlMap h = m.get();
    r.checkKeys(
        h, what, List.of("http", "run", "interval", "count", "failureLimit", "timeout"), Map.of());
    Optional<String> http = NodeReader.get(h, "http").flatMap(n -> r.string(n, what + ".http"));
    Optional<Command> run = command(h, "run", what, r);
    if (http.isPresent() == run.isPresent()) {
      r.problem(
          h.position(),
          what + " needs exactly one of 'http' and 'run'",
          "write 'http: http://host:port/health' or 'run: <command>'");
    }
    http.filter(u -> !u.startsWith("http://") && !u.startsWith("https://"))
        .ifPresent(
            u ->
                r.problem(
                    h.position(),
                    what + ".http '" + u + "' is not an http(s) URL",
                    "write it like http://localhost:8080/health"));
    return Optional.of(
        new DeploySpec.Health(
            http,
            run,
            duration(h, "interval", what, r, Duration.ofSeconds(5)),
            count(h, "count", what, r, 3),
            count(h, "failureLimit", what, r, 1),
            duration(h, "timeout", what, r, Duration.ofSeconds(10))));
  }

  private static Optional<DeploySpec.Analysis> analysis(YamlNode node, String what, NodeReader r) {
    Optional<YamlMap> m = r.map(node, what);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    YamlMap a = m.get();
    r.checkKeys(a, what, List.of("run", "gates", "interval", "count"), Map.of());
    Optional<Command> run =
        StageReader.required(a, "run", what, r).map(n -> StepReader.command(n, what + ".run", r));
    List<GateSpec> gates =
        StageReader.required(a, "gates", what, r)
            .map(n -> GateReader.list(n, what + ".gates", r))
            .orElse(List.of());
    Duration interval = duration(a, "interval", what, r, Duration.ofSeconds(30));
    int count = count(a, "count", what, r, 1);
    return run.map(c -> new DeploySpec.Analysis(c, gates, interval, count));
  }

  private static Duration duration(
      YamlMap m, String key, String what, NodeReader r, Duration dflt) {
    return NodeReader.get(m, key)
        .flatMap(n -> StepReader.duration(n, what + "." + key, r))
        .orElse(dflt);
  }

  private static int count(YamlMap m, String key, String what, NodeReader r, int dflt) {
    return NodeReader.get(m, key).flatMap(n -> r.integer(n, what + "." + key, 1)).orElse(dflt);
  }
}
