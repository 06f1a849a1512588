package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the files named in {@code include:} into the descriptor's tree, before it is bound: their
 * params, env, defaults, agents, secrets, templates and steps join the descriptor's as if written
 * there, each value keeping the file, line and column it was read at. A name defined in two files
 * is an error naming both places, but for a step whose later definition says {@code override:
 * true}. Included files come first, in the order listed (depth first); a file reached twice (a
 * diamond) is merged once; a file that includes itself, directly or not, is a cycle.
 */
final class Includes {
  static final int MAX_DEPTH = 8;

  /** The keys an included file may have. */
  static final List<String> KEYS =
      List.of(
          "version",
          "include",
          "params",
          "env",
          "defaults",
          "agents",
          "secrets",
          "templates",
          "steps");

  /** The sections merged name by name, with what one of their names is called in messages. */
  private static final Map<String, String> NAMED =
      Map.of(
          "params", "parameter",
          "env", "env variable",
          "defaults", "default",
          "secrets", "secret",
          "templates", "template",
          "steps", "step");

  private final IncludeFiles files;
  private final NodeReader r;
  private final Map<String, Map<String, YamlNode.Entry>> named = new LinkedHashMap<>();
  private final Map<String, SourcePosition> sectionAt = new LinkedHashMap<>();
  private final List<YamlNode> agents = new ArrayList<>();
  private final Deque<Path> chain = new ArrayDeque<>();
  private final Deque<SourcePosition> chainAt = new ArrayDeque<>();
  private final Set<Path> merged = new HashSet<>();

  private Includes(IncludeFiles files, NodeReader r) {
    this.files = files;
    this.r = r;
  }

  /** The descriptor's top mapping with every included file merged in; {@code top} when none. */
  static YamlMap merge(Path file, YamlMap top, IncludeFiles files, NodeReader r) {
    if (NodeReader.get(top, "include").isEmpty()) {
      return top;
    }
    Includes includes = new Includes(files, r);
    includes.mergeFile(file, top, 0);
    Map<String, YamlNode.Entry> out = new LinkedHashMap<>();
    for (YamlNode.Entry e : top.entries().values()) {
      if (e.key().equals("include")) {
        continue;
      }
      out.put(e.key(), includes.section(e));
    }
    includes.sectionAt.forEach(
        (section, at) -> {
          if (!out.containsKey(section)) {
            out.put(
                section,
                includes.section(new YamlNode.Entry(section, at, new YamlMap(at, Map.of()))));
          }
        });
    if (!out.containsKey("agents") && !includes.agents.isEmpty()) {
      SourcePosition at = includes.agents.get(0).position();
      out.put("agents", new YamlNode.Entry("agents", at, new YamlList(at, includes.agents)));
    }
    return new YamlMap(top.position(), out);
  }

  /** The merged value of one top-level entry of the descriptor. */
  private YamlNode.Entry section(YamlNode.Entry e) {
    if (named.containsKey(e.key())) {
      return new YamlNode.Entry(
          e.key(), e.keyPosition(), new YamlMap(e.value().position(), named.get(e.key())));
    }
    if (e.key().equals("agents")) {
      return new YamlNode.Entry(
          e.key(), e.keyPosition(), new YamlList(e.value().position(), agents));
    }
    return e;
  }

  private void mergeFile(Path file, YamlMap top, int depth) {
    Path key = file.toAbsolutePath().normalize();
    chain.addLast(key);
    merged.add(key);
    NodeReader.get(top, "include").ifPresent(n -> includeAll(file, n, depth));
    for (YamlNode.Entry e : top.entries().values()) {
      if (NAMED.containsKey(e.key())) {
        r.map(e.value(), e.key()).ifPresent(m -> add(e.key(), e.keyPosition(), m));
      } else if (e.key().equals("agents")) {
        if (e.value() instanceof YamlList list) {
          agents.addAll(list.items());
        } else {
          agents.add(e.value()); // the agents reader reports the wrong type
        }
      }
    }
    chain.removeLast();
  }

  private void includeAll(Path file, YamlNode node, int depth) {
    List<YamlNode> items =
        node instanceof YamlList list
            ? list.items()
            : node instanceof Scalar ? List.of(node) : null;
    if (items == null) {
      r.wrongType(node, "include", "a list of file paths");
      return;
    }
    for (YamlNode item : items) {
      Optional<String> written = r.string(item, "each item of include");
      if (written.isEmpty()) {
        continue;
      }
      Optional<Path> path =
          files.resolve(file.toString(), written.get(), item.position(), "included file");
      if (path.isEmpty()) {
        continue;
      }
      Path key = path.get().toAbsolutePath().normalize();
      if (chain.contains(key)) {
        cycle(key, item.position());
        continue;
      }
      if (merged.contains(key)) {
        continue; // reached twice through different files: merged once
      }
      if (depth + 1 > MAX_DEPTH) {
        r.problem(
            item.position(),
            "includes nest deeper than " + MAX_DEPTH + " files",
            "include the shared files from fewer levels");
        continue;
      }
      Optional<YamlMap> included = files.read(path.get(), item.position(), "included file");
      if (included.isEmpty()) {
        continue;
      }
      r.checkKeys(included.get(), "included file " + path.get(), KEYS, Map.of());
      chainAt.addLast(item.position());
      mergeFile(path.get(), included.get(), depth + 1);
      chainAt.removeLast();
    }
  }

  private void cycle(Path key, SourcePosition at) {
    List<Path> files = new ArrayList<>(chain);
    List<SourcePosition> ats = new ArrayList<>(chainAt);
    int start = files.indexOf(key);
    StringBuilder path = new StringBuilder();
    for (int i = start; i < files.size(); i++) {
      path.append(files.get(i).getFileName()).append(" → ");
    }
    path.append(key.getFileName());
    String first = start == 0 ? "the descriptor itself" : "first included at " + ats.get(start - 1);
    r.problem(
        at,
        "include cycle " + path + " (" + key.getFileName() + " is " + first + ")",
        "remove one of the includes; a file cannot include itself, directly or through others");
  }

  private void add(String section, SourcePosition sectionPosition, YamlMap m) {
    Map<String, YamlNode.Entry> into = named.computeIfAbsent(section, k -> new LinkedHashMap<>());
    sectionAt.putIfAbsent(section, sectionPosition);
    for (YamlNode.Entry e : m.entries().values()) {
      YamlNode.Entry before = into.get(e.key());
      boolean override = section.equals("steps") && overrides(e);
      YamlNode.Entry entry = override || section.equals("steps") ? withoutOverride(e) : e;
      if (before == null) {
        if (override) {
          r.problem(
              e.keyPosition(),
              "step '" + e.key() + "' says override: true but overrides no step",
              "remove 'override: true', or include the file that defines '" + e.key() + "' first");
        }
        into.put(e.key(), entry);
      } else if (override) {
        into.put(e.key(), entry);
      } else {
        r.problem(
            e.keyPosition(),
            NAMED.get(section)
                + " '"
                + e.key()
                + "' is defined twice: here and at "
                + before.keyPosition(),
            section.equals("steps")
                ? "rename one, or write 'override: true' in the one that replaces the other"
                : "remove one of the two");
      }
    }
  }

  private boolean overrides(YamlNode.Entry step) {
    if (!(step.value() instanceof YamlMap m)) {
      return false;
    }
    return NodeReader.get(m, "override")
        .flatMap(n -> r.bool(n, "step '" + step.key() + "'.override"))
        .orElse(false);
  }

  static YamlNode.Entry withoutOverride(YamlNode.Entry step) {
    if (!(step.value() instanceof YamlMap m) || !m.entries().containsKey("override")) {
      return step;
    }
    Map<String, YamlNode.Entry> rest = new LinkedHashMap<>(m.entries());
    rest.remove("override");
    return new YamlNode.Entry(step.key(), step.keyPosition(), new YamlMap(m.position(), rest));
  }
}
