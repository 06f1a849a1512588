package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the top-level {@code notify:} list of webhooks. */
final class NotifyReader {
  private static final String EXPECTED =
      "a list of {on: [failure|success|always], webhook: URL or {env: VARIABLE}}";

  private NotifyReader() {}

  static List<NotifySpec> read(YamlNode node, NodeReader r) {
    List<NotifySpec> out = new ArrayList<>();
    if (!(node instanceof YamlList list)) {
      r.wrongType(node, "notify", EXPECTED);
      return out;
    }
    for (YamlNode item : list.items()) {
      entry(item, r).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<NotifySpec> entry(YamlNode node, NodeReader r) {
    if (!(node instanceof YamlMap m)) {
      r.wrongType(node, "a notify entry", EXPECTED);
      return Optional.empty();
    }
    r.checkKeys(m, "a notify entry", List.of("on", "webhook"), Map.of());
    Set<NotifySpec.Trigger> on = EnumSet.noneOf(NotifySpec.Trigger.class);
    Optional<YamlNode> onNode = NodeReader.get(m, "on");
    if (onNode.isEmpty()) {
      on.add(NotifySpec.Trigger.FAILURE);
    } else {
      List<YamlNode> items = onNode.get() instanceof YamlList l ? l.items() : List.of(onNode.get());
      for (YamlNode t : items) {
        r.string(t, "notify.on")
            .ifPresent(
                text -> {
                  String word = text.strip().toLowerCase(Locale.ROOT);
                  switch (word) {
                    case "failure" -> on.add(NotifySpec.Trigger.FAILURE);
                    case "success" -> on.add(NotifySpec.Trigger.SUCCESS);
                    case "always" -> on.add(NotifySpec.Trigger.ALWAYS);
                    case "fixed", "regression" ->
                        r.problem(
                            t.position(),
                            "notify on '" + word + "' is not supported yet",
                            "use failure, success or always");
                    default ->
                        r.problem(
                            t.position(),
                            "unknown notify trigger '" + text + "'",
                            "use failure, success or always");
                  }
                });
      }
    }
    Optional<YamlNode> hook = NodeReader.get(m, "webhook");
    if (hook.isEmpty()) {
      r.problem(m.position(), "a notify entry has no 'webhook'", "add webhook: https://...");
      return Optional.empty();
    }
    if (hook.get() instanceof YamlMap env) {
      r.checkKeys(env, "notify.webhook", List.of("env"), Map.of());
      Optional<String> variable =
          NodeReader.get(env, "env").flatMap(n -> r.string(n, "notify.webhook.env"));
      if (variable.isEmpty() || !SecretsReader.ENV_NAME.matcher(variable.get()).matches()) {
        r.problem(
            env.position(),
            "notify.webhook names no environment variable",
            "write webhook: {env: SLACK_WEBHOOK_URL}");
        return Optional.empty();
      }
      return Optional.of(new NotifySpec(on, "", variable.get(), m.position()));
    }
    Optional<String> url = r.string(hook.get(), "notify.webhook");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    if (!url.get().startsWith("http://") && !url.get().startsWith("https://")) {
      r.problem(
          hook.get().position(),
          "notify.webhook '" + url.get() + "' is not an http or https URL",
          "write a URL such as https://hooks.slack.com/services/..., or {env: VARIABLE}");
      return Optional.empty();
    }
    return Optional.of(new NotifySpec(on, url.get(), "", m.position()));
  }
}
