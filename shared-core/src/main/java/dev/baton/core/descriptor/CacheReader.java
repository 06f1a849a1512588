package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a step's {@code cache}, {@code inputs} and {@code outputs}; paths stay in the workspace.
 */
final class CacheReader {
  private CacheReader() {}

  static CacheSpec read(YamlMap m, String where, NodeReader r) {
    Optional<YamlNode> cacheNode = NodeReader.get(m, "cache");
    boolean enabled = cacheNode.flatMap(n -> r.bool(n, where + ".cache")).orElse(false);
    List<String> inputs = paths(m, "inputs", where, true, r);
    List<String> outputs = paths(m, "outputs", where, false, r);
    if (enabled && NodeReader.get(m, "inputs").isEmpty()) {
      r.problem(
          cacheNode.get().position(),
          where + " has 'cache: true' but no 'inputs'",
          "list the files the step reads under 'inputs:' (scripts, data, upstream outputs);"
              + " without them the cache key would cover only the command");
    }
    if (!enabled && cacheNode.isEmpty() && inputs.isEmpty() && outputs.isEmpty()) {
      return CacheSpec.NONE;
    }
    return new CacheSpec(enabled, inputs, outputs);
  }

  private static List<String> paths(
      YamlMap m, String key, String where, boolean globs, NodeReader r) {
    List<String> out = new ArrayList<>();
    Optional<YamlNode> node = NodeReader.get(m, key);
    if (node.isEmpty()) {
      return out;
    }
    String what = where + "." + key;
    List<YamlNode> items = node.get() instanceof YamlList list ? list.items() : List.of(node.get());
    if (items.isEmpty()) {
      r.problem(node.get().position(), what + " is an empty list", "list at least one path");
    }
    for (YamlNode item : items) {
      r.string(item, "each item of " + what)
          .ifPresent(
              text -> {
                Optional<String> why = CacheSpec.pathProblem(text, globs);
                if (why.isPresent()) {
                  r.problem(item.position(), what + " '" + text + "' " + why.get(), hint(globs));
                } else {
                  out.add(text);
                }
              });
    }
    return out;
  }

  private static String hint(boolean globs) {
    return "write a path relative to the descriptor's directory, such as "
        + (globs ? "'data/' or 'scripts/*.sh'" : "'build/model/'");
  }
}
