package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a step's {@code artifacts}: a list of {@code {name, path}}, the name an identifier, the
 * path a plain file inside the workspace, written as is (no {@code ${{ }}}: a version's file must
 * be the same file every run).
 */
final class ArtifactReader {
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private ArtifactReader() {}

  static List<ArtifactSpec> read(YamlMap step, String where, NodeReader r) {
    Optional<YamlNode> node = NodeReader.get(step, "artifacts");
    if (node.isEmpty()) {
      return List.of();
    }
    String what = where + ".artifacts";
    if (!(node.get() instanceof YamlList list)) {
      r.wrongType(
          node.get(),
          what,
          "a list of {name, path}, such as [{name: model, path: dist/model.bin}]");
      return List.of();
    }
    if (list.items().isEmpty()) {
      r.problem(list.position(), what + " is an empty list", "list at least one {name, path}");
    }
    List<ArtifactSpec> out = new ArrayList<>();
    for (YamlNode item : list.items()) {
      Optional<YamlMap> m = r.map(item, "each item of " + what);
      if (m.isEmpty()) {
        continue;
      }
      r.checkKeys(m.get(), "each item of " + what, List.of("name", "path"), Map.of());
      Optional<String> name = field(m.get(), "name", what, r);
      Optional<String> path = field(m.get(), "path", what, r);
      name.filter(n -> !NAME.matcher(n).matches())
          .ifPresent(
              n ->
                  r.problem(
                      NodeReader.get(m.get(), "name").get().position(),
                      what + " name '" + n + "' is not an identifier",
                      "use letters, digits, '_' and '-', starting with a letter or '_',"
                          + " such as 'model'"));
      Optional<String> pathProblem =
          path.flatMap(
              p ->
                  p.contains("${{")
                      ? Optional.of("reads an expression; an artifact's path is written as is")
                      : CacheSpec.pathProblem(p, false));
      pathProblem.ifPresent(
          why ->
              r.problem(
                  NodeReader.get(m.get(), "path").get().position(),
                  what + " path '" + path.get() + "' " + why,
                  "write a file path relative to the descriptor's directory, such as"
                      + " 'dist/model.bin'"));
      if (name.isPresent()
          && NAME.matcher(name.get()).matches()
          && path.isPresent()
          && pathProblem.isEmpty()) {
        out.add(new ArtifactSpec(name.get(), path.get(), m.get().position()));
      }
    }
    return out;
  }

  private static Optional<String> field(YamlMap m, String key, String what, NodeReader r) {
    Optional<YamlNode> n = NodeReader.get(m, key);
    if (n.isEmpty()) {
      r.problem(
          m.position(),
          "an item of " + what + " has no '" + key + "'",
          "write both, such as {name: model, path: dist/model.bin}");
      return Optional.empty();
    }
    return r.string(n.get(), what + "." + key);
  }

  /** An artifact name declared by two steps (or twice by one): each version must have one maker. */
  static void checkUnique(Map<String, StepSpec> steps, NodeReader r) {
    Map<String, SourcePosition> seen = new LinkedHashMap<>();
    for (StepSpec s : steps.values()) {
      for (ArtifactSpec a : s.artifacts()) {
        SourcePosition first = seen.putIfAbsent(a.name(), a.position());
        if (first != null) {
          r.problem(
              a.position(),
              "artifact '" + a.name() + "' is declared twice (first at " + first + ")",
              "give each artifact its own name, or declare it in one step only");
        }
      }
    }
  }
}
