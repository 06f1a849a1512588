package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.DidYouMean;
import dev.baton.core.errors.SourcePosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code secrets:} map and a step's {@code secrets:} list, and rejects {@code
 * ${{ secrets.X }}} anywhere: a substituted value would land on a command line or in a report.
 */
final class SecretsReader {
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String NAME_HINT =
      "use letters, digits and '_', not starting with a digit, such as REGISTRY_TOKEN";

  /** A {@code ${{ ... secrets ... }}} on one line; group 1 is the name after "secrets.", if any. */
  private static final Pattern SUBSTITUTION =
      Pattern.compile("\\$\\{\\{[^}\\n]*?\\bsecrets\\b(?:\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*))?");

  private SecretsReader() {}

  static Map<String, SecretSpec> read(YamlNode node, NodeReader r) {
    Map<String, SecretSpec> secrets = new LinkedHashMap<>();
    Optional<YamlMap> m = r.map(node, "secrets");
    if (m.isEmpty()) {
      return secrets;
    }
    for (YamlNode.Entry e : m.get().entries().values()) {
      String name = e.key();
      if (!ENV_NAME.matcher(name).matches()) {
        r.problem(
            e.keyPosition(),
            "secret name '" + name + "' is not an environment variable name",
            NAME_HINT);
      } else if (name.startsWith("BATON_")) {
        r.problem(
            e.keyPosition(),
            "secret name '"
                + name
                + "' starts with BATON_, which Baton keeps for its own variables",
            "choose another name");
      }
      source(e.value(), "secret '" + name + "'", r)
          .ifPresent(s -> secrets.put(name, new SecretSpec(name, e.keyPosition(), s)));
    }
    return secrets;
  }

  private static Optional<SecretSpec.Source> source(YamlNode node, String where, NodeReader r) {
    String expected = "a mapping with 'env' or 'file', such as {env: CI_TOKEN}";
    if (!(node instanceof YamlMap m)) {
      r.wrongType(node, where, expected);
      return Optional.empty();
    }
    r.checkKeys(m, where, List.of("env", "file"), Map.of());
    Optional<YamlNode> env = NodeReader.get(m, "env");
    Optional<YamlNode> file = NodeReader.get(m, "file");
    if (env.isPresent() == file.isPresent()) {
      r.problem(
          m.position(),
          where
              + (env.isPresent() ? " has both 'env' and 'file'" : " says nowhere to read it from"),
          "give exactly one: {env: VARIABLE} or {file: path}");
      return Optional.empty();
    }
    if (env.isPresent()) {
      Optional<String> variable = r.string(env.get(), where + ".env");
      if (variable.isPresent() && !ENV_NAME.matcher(variable.get()).matches()) {
        r.problem(
            env.get().position(),
            where + ".env '" + variable.get() + "' is not an environment variable name",
            NAME_HINT);
        return Optional.empty();
      }
      return variable.map(SecretSpec.FromEnv::new);
    }
    Optional<String> path = r.string(file.get(), where + ".file");
    if (path.isPresent() && path.get().isBlank()) {
      r.problem(file.get().position(), where + ".file is empty", "give the file's path");
      return Optional.empty();
    }
    return path.map(SecretSpec.FromFile::new);
  }

  /** A step's {@code secrets:} list; each name must be declared at the top level. */
  static List<String> stepSecrets(
      YamlNode node, String where, Collection<String> declared, NodeReader r) {
    List<String> names = new ArrayList<>();
    List<YamlNode> items =
        node instanceof YamlList list
            ? list.items()
            : node instanceof Scalar ? List.of(node) : null;
    if (items == null) {
      r.wrongType(node, where, "a list of secret names, such as [REGISTRY_TOKEN]");
      return names;
    }
    for (YamlNode item : items) {
      Optional<String> name = r.string(item, "each item of " + where);
      if (name.isEmpty()) {
        continue;
      }
      if (!declared.contains(name.get())) {
        String hint = DidYouMean.hint(name.get(), declared);
        r.problem(
            item.position(),
            "unknown secret '" + name.get() + "' in " + where,
            !hint.isEmpty()
                ? hint
                : declared.isEmpty()
                    ? "declare it under the top-level 'secrets:', such as "
                        + name.get()
                        + ": {env: "
                        + name.get()
                        + "}"
                    : "declared secrets: " + String.join(", ", declared));
      } else if (!names.contains(name.get())) {
        names.add(name.get());
      }
    }
    return names;
  }

  /**
   * Reports every {@code ${{ secrets... }}} in the descriptor, at its line and column in {@code
   * source}: secrets reach steps only as environment variables.
   */
  static void forbidSubstitution(YamlNode root, String source, NodeReader r) {
    List<Scalar> scalars = new ArrayList<>();
    collect(root, scalars);
    String[] lines = source.split("\n", -1);
    for (Scalar s : scalars) {
      if (!s.text().contains("${{")) {
        continue;
      }
      Matcher inText = SUBSTITUTION.matcher(s.text());
      int line = Math.max(1, s.position().line());
      int column = Math.max(1, s.position().column());
      while (inText.find()) {
        String name = inText.group(1) == null ? "NAME" : inText.group(1);
        SourcePosition at = s.position();
        // Find the same text in the source from where the last one was, for an exact column.
        for (int l = line; l <= lines.length; l++) {
          Matcher inSource = SUBSTITUTION.matcher(lines[l - 1]);
          if (inSource.find(l == line ? Math.min(column - 1, lines[l - 1].length()) : 0)) {
            at = new SourcePosition(at.file(), l, inSource.start() + 1);
            line = l;
            column = inSource.end() + 1;
            break;
          }
        }
        r.problem(
            at,
            "a secret cannot be substituted with ${{ }}: its value would be written into a command"
                + " line or a report",
            "list it in the step's 'secrets:' and use the environment variable instead, e.g. \"$"
                + name
                + "\"");
      }
    }
  }

  private static void collect(YamlNode node, List<Scalar> out) {
    if (node instanceof Scalar s) {
      out.add(s);
    } else if (node instanceof YamlList list) {
      list.items().forEach(i -> collect(i, out));
    } else if (node instanceof YamlMap map) {
      map.entries().values().forEach(e -> collect(e.value(), out));
    }
  }
}
