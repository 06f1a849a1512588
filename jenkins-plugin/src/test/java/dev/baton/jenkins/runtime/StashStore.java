package dev.baton.jenkins.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code stash} and {@code unstash}: files copied from one workspace into the build, and from the
 * build into another workspace, by name. A later stash of the same name replaces the earlier one.
 */
final class StashStore {
  private final Path root;
  private final Map<String, Path> stashes = new ConcurrentHashMap<>();
  private int counter;

  StashStore(Path root) {
    this.root = root;
  }

  void stash(String name, Path workspace, String includes, String excludes, boolean allowEmpty) {
    Path copy = root.resolve(nextDirName());
    int count = AntPatterns.copy(workspace, includes, excludes, copy);
    if (count == 0 && !allowEmpty) {
      throw new PipelineError("No files included in stash '" + name + "'");
    }
    stashes.put(name, copy);
  }

  void unstash(String name, Path workspace) {
    Path copy = stashes.get(name);
    if (copy == null) {
      throw new PipelineError("No such saved stash '" + name + "'");
    }
    if (Files.isDirectory(copy)) {
      AntPatterns.copy(copy, "**", "", workspace);
    }
  }

  private synchronized String nextDirName() {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "stash-" + (++counter);
  }
}
