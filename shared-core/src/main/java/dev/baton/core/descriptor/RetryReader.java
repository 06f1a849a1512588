package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a {@code retry:} block; unset fields come from the inherited policy. */
final class RetryReader {
  private static final List<String> KEYS =
      List.of("limit", "backoff", "jitter", "on", "otherAgent", "otherGpu");

  private RetryReader() {}

  static RetryPolicy read(YamlNode node, String what, RetryPolicy base, NodeReader r) {
    Optional<YamlMap> maybe = r.map(node, what);
    if (maybe.isEmpty()) {
      return base;
    }
    YamlMap m = maybe.get();
    r.checkKeys(m, what, KEYS, Map.of());
    int limit =
        NodeReader.get(m, "limit")
            .flatMap(n -> r.integer(n, what + ".limit", 0))
            .orElse(base.limit());
    Backoff backoff =
        NodeReader.get(m, "backoff")
            .map(n -> backoff(n, what + ".backoff", base.backoff(), r))
            .orElse(base.backoff());
    RetryPolicy.Jitter jitter = base.jitter();
    Optional<YamlNode> j = NodeReader.get(m, "jitter");
    if (j.isPresent()) {
      String text = r.scalarText(j.get(), what + ".jitter").orElse("none");
      if (RetryPolicy.Jitter.names().contains(text)) {
        jitter = RetryPolicy.Jitter.valueOf(text.toUpperCase(Locale.ROOT));
      } else {
        r.problem(j.get().position(), "unknown jitter '" + text + "'", "use 'none' or 'full'");
      }
    }
    Set<Integer> exitCodes = base.onExitCodes();
    String logPattern = base.onLogPattern();
    boolean timeouts = base.retryTimeouts();
    Optional<YamlNode> on = NodeReader.get(m, "on");
    if (on.isPresent()) {
      Optional<YamlMap> onMap = r.map(on.get(), what + ".on");
      if (onMap.isPresent()) {
        r.checkKeys(
            onMap.get(), what + ".on", List.of("exitCodes", "logPattern", "timeouts"), Map.of());
        exitCodes =
            NodeReader.get(onMap.get(), "exitCodes")
                .map(n -> exitCodes(n, what + ".on.exitCodes", r))
                .orElse(exitCodes);
        Optional<YamlNode> p = NodeReader.get(onMap.get(), "logPattern");
        if (p.isPresent()) {
          logPattern = r.string(p.get(), what + ".on.logPattern").orElse("");
          try {
            Pattern.compile(logPattern);
          } catch (PatternSyntaxException e) {
            r.problem(
                p.get().position(),
                what + ".on.logPattern is not a valid regular expression: " + e.getDescription(),
                "escape special characters such as ( ) [ ] with a backslash");
          }
        }
        timeouts =
            NodeReader.get(onMap.get(), "timeouts")
                .flatMap(n -> r.bool(n, what + ".on.timeouts"))
                .orElse(timeouts);
      }
    }
    boolean otherAgent =
        NodeReader.get(m, "otherAgent")
            .flatMap(n -> r.bool(n, what + ".otherAgent"))
            .orElse(base.otherAgent());
    boolean otherGpu =
        NodeReader.get(m, "otherGpu")
            .flatMap(n -> r.bool(n, what + ".otherGpu"))
            .orElse(base.otherGpu());
    return new RetryPolicy(
        limit, backoff, jitter, exitCodes, logPattern, timeouts, otherAgent, otherGpu);
  }

  private static Backoff backoff(YamlNode node, String what, Backoff base, NodeReader r) {
    Optional<YamlMap> m = r.map(node, what);
    if (m.isEmpty()) {
      return base;
    }
    r.checkKeys(m.get(), what, List.of("duration", "factor", "maxDuration"), Map.of());
    Duration duration =
        NodeReader.get(m.get(), "duration")
            .flatMap(n -> StepReader.duration(n, what + ".duration", r))
            .orElse(base.duration());
    double factor =
        NodeReader.get(m.get(), "factor")
            .flatMap(n -> r.number(n, what + ".factor"))
            .orElse(base.factor());
    if (factor < 1) {
      r.problem(
          NodeReader.get(m.get(), "factor").get().position(),
          what + ".factor must be at least 1",
          "use 1 for a constant backoff, 2 to double it each time");
    }
    Duration max =
        NodeReader.get(m.get(), "maxDuration")
            .flatMap(n -> StepReader.duration(n, what + ".maxDuration", r))
            .orElse(base.maxDuration());
    return new Backoff(duration, factor, max);
  }

  private static Set<Integer> exitCodes(YamlNode node, String what, NodeReader r) {
    Set<Integer> codes = new LinkedHashSet<>();
    if (node instanceof YamlNode.YamlList list) {
      for (YamlNode item : list.items()) {
        r.integer(item, "each code of " + what, 0).ifPresent(codes::add);
      }
    } else {
      r.integer(node, what, 0).ifPresent(codes::add);
    }
    return codes;
  }
}
