package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a step's {@code workdir}. A step runs inside the workspace (the descriptor's directory)
 * unless the descriptor says otherwise in so many words: {@code workdir: ../x} and {@code workdir:
 * /etc} are mistakes, {@code workdir: {path: /etc, outsideWorkspace: true}} is a decision. A
 * symbolic link in the workspace that leads out counts as leading out.
 */
final class WorkdirReader {
  private static final List<String> KEYS = List.of("path", "outsideWorkspace");

  private WorkdirReader() {}

  /** The workdir as written (empty: the workspace), with a problem for each escape. */
  static String read(YamlNode node, String what, NodeReader r) {
    if (node instanceof YamlMap m) {
      r.checkKeys(m, what, KEYS, Map.of());
      Optional<YamlNode> pathNode = NodeReader.get(m, "path");
      if (pathNode.isEmpty()) {
        r.problem(
            m.position(),
            what + " has no 'path'",
            "write the directory as 'path:', such as {path: /data/job, outsideWorkspace: true}");
        return "";
      }
      String path = r.string(pathNode.get(), what + ".path").orElse("");
      boolean outside =
          NodeReader.get(m, "outsideWorkspace")
              .flatMap(n -> r.bool(n, what + ".outsideWorkspace"))
              .orElse(false);
      if (!outside) {
        checkInside(path, pathNode.get(), what, r);
      }
      return path;
    }
    String path = r.string(node, what).orElse("");
    checkInside(path, node, what, r);
    return path;
  }

  private static void checkInside(String path, YamlNode node, String what, NodeReader r) {
    if (path.isEmpty()) {
      return;
    }
    Path p;
    try {
      p = Path.of(path);
    } catch (InvalidPathException e) {
      r.problem(node.position(), what + " '" + path + "' is not a path", "write a directory path");
      return;
    }
    String optIn =
        "keep it inside the descriptor's directory, or write {path: "
            + path
            + ", outsideWorkspace: true} if the step must run there";
    if (p.isAbsolute()) {
      r.problem(node.position(), what + " '" + path + "' is outside the workspace", optIn);
      return;
    }
    if (p.normalize().startsWith("..")) {
      r.problem(
          node.position(), what + " '" + path + "' leads out of the workspace with '..'", optIn);
      return;
    }
    linkOutside(node, p)
        .ifPresent(
            real ->
                r.problem(
                    node.position(),
                    what
                        + " '"
                        + path
                        + "' leads out of the workspace through a symbolic link (to "
                        + real
                        + ")",
                    optIn));
  }

  /**
   * Where the part of the workdir that exists today really is, when that is outside the workspace.
   * The rest may be made by an earlier step; only what is there can be judged now.
   */
  private static Optional<Path> linkOutside(YamlNode node, Path relative) {
    Path workspace = Path.of(node.position().file()).toAbsolutePath().getParent();
    if (workspace == null || !Files.isDirectory(workspace)) {
      return Optional.empty();
    }
    try {
      Path realWorkspace = workspace.toRealPath();
      Path existing = workspace.resolve(relative).normalize();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null) {
        return Optional.empty();
      }
      Path real = existing.toRealPath();
      return real.startsWith(realWorkspace) ? Optional.empty() : Optional.of(real);
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // unreadable: the run says so when it gets there
    }
  }
}
