package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.descriptor.yaml.YamlTreeReader;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.io.FileRefusedException;
import dev.baton.core.io.IoFailures;
import dev.baton.core.io.UserFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the files a descriptor names in {@code include:} and {@code uses:}, with bounds: every path
 * stays inside the descriptor's directory, is a regular file, and all of them together are at most
 * {@link YamlTreeReader#MAX_BYTES} and {@link #MAX_FILES} files. Each file is read once.
 */
final class IncludeFiles {
  static final int MAX_FILES = 100;

  private final Path workspace;
  private final NodeReader r;
  private final Map<Path, Optional<YamlMap>> read = new HashMap<>();
  private long bytes;

  IncludeFiles(Path descriptor, long descriptorBytes, NodeReader r) {
    Path parent = descriptor.toAbsolutePath().normalize().getParent();
    this.workspace = parent == null ? Path.of("").toAbsolutePath() : parent;
    this.bytes = descriptorBytes;
    this.r = r;
  }

  /**
   * The file {@code written} names, relative to {@code from} (the file it is written in), or empty
   * after reporting at {@code at} why it cannot be used.
   */
  Optional<Path> resolve(String from, String written, SourcePosition at, String what) {
    Path name = Path.of(written);
    if (written.isBlank() || name.isAbsolute()) {
      r.problem(
          at,
          what + " '" + written + "' is not a relative path",
          "name the file relative to the file that names it, such as 'templates/train.yaml'");
      return Optional.empty();
    }
    Path parent = Path.of(from).getParent();
    Path path = (parent == null ? name : parent.resolve(name)).normalize();
    if (!path.toAbsolutePath().normalize().startsWith(workspace)) {
      r.problem(
          at,
          what + " '" + written + "' is outside the pipeline's directory " + workspace,
          "keep shared files inside the repository (a shared directory or a git submodule)");
      return Optional.empty();
    }
    return Optional.of(path);
  }

  /** The file's top mapping, or empty after reporting why not (at {@code at}). */
  Optional<YamlMap> read(Path path, SourcePosition at, String what) {
    Path key = path.toAbsolutePath().normalize();
    if (read.containsKey(key)) {
      return read.get(key);
    }
    Optional<YamlMap> map = load(path, at, what);
    read.put(key, map);
    return map;
  }

  private Optional<YamlMap> load(Path path, SourcePosition at, String what) {
    if (read.size() >= MAX_FILES) {
      r.problem(
          at,
          "the pipeline reads more than " + MAX_FILES + " files through include and uses",
          "merge shared files; no pipeline needs this many");
      return Optional.empty();
    }
    long left = YamlTreeReader.MAX_BYTES - bytes;
    String text;
    try {
      if (Files.isDirectory(path)) {
        r.problem(at, what + " " + path + " is a directory", "name a YAML file");
        return Optional.empty();
      }
      text = UserFiles.readText(path, what, Math.max(0, left));
    } catch (NoSuchFileException e) {
      r.problem(at, what + " " + path + " does not exist", "check the path");
      return Optional.empty();
    } catch (FileRefusedException e) {
      r.problem(
          at,
          what + " " + path + " " + e.problem(),
          e.fix()
              + " (the descriptor and the files it includes may hold "
              + YamlTreeReader.MAX_SIZE
              + " together)");
      return Optional.empty();
    } catch (IOException e) {
      r.problem(
          at,
          "cannot read " + what + " " + path + ": " + IoFailures.reason(e),
          "check the path and its permissions");
      return Optional.empty();
    }
    bytes += text.length();
    List<DescriptorProblem> problems = new ArrayList<>();
    YamlNode root = YamlTreeReader.read(path.toString(), text, problems);
    problems.forEach(p -> r.problem(p.position(), p.message(), p.hint()));
    if (root == null) {
      return Optional.empty();
    }
    SecretsReader.forbidSubstitution(root, text, r);
    return r.map(root, what + " " + path);
  }
}
