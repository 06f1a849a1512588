package dev.baton.core.cache;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Expands a step's {@code inputs} (files, directories, globs) into the files they name, sorted by
 * workspace-relative path, each with the SHA-256 of its content. Baton's own {@code .baton/} is
 * never an input.
 */
final class InputFiles {
  private static final String GLOB_CHARS = "*?[{";

  /** One input file: its workspace-relative path and content hash. */
  record Digest(String path, String sha256) {}

  private InputFiles() {}

  static List<Digest> digests(CachePaths paths, List<String> inputs) throws CacheException {
    return digests(paths, inputs, null);
  }

  /**
   * @param known the stat cache files are looked up in before they are read; null to read them all
   */
  static List<Digest> digests(CachePaths paths, List<String> inputs, @Nullable FileDigests known)
      throws CacheException {
    Map<String, Path> files = new TreeMap<>();
    for (String input : inputs) {
      int before = files.size();
      boolean pattern = input.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
      try {
        if (pattern) {
          matching(paths, input, files);
        } else {
          named(paths, input, files);
        }
      } catch (IOException e) {
        throw new CacheException("cannot read input '" + input + "': " + e.getMessage(), e);
      }
      if (files.size() == before && pattern && noneMatch(paths, input, files)) {
        throw new CacheException(
            "input pattern '" + input + "' matches no file; fix the pattern or create the files");
      }
    }
    List<Digest> out = new ArrayList<>();
    for (Map.Entry<String, Path> f : files.entrySet()) {
      try {
        Path file = f.getValue();
        out.add(new Digest(f.getKey(), known == null ? Sha256.of(file) : known.sha256(file)));
      } catch (IOException e) {
        throw new CacheException("cannot read input " + f.getKey() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static void named(CachePaths paths, String input, Map<String, Path> files)
      throws CacheException, IOException {
    Path p = paths.resolve(input, false);
    if (!Files.exists(p)) {
      throw new CacheException(
          "input '" + input + "' does not exist; create it or fix the path under 'inputs:'");
    }
    if (Files.isDirectory(p)) {
      walk(paths, p, null, files);
    } else {
      files.put(paths.relative(p), p);
    }
  }

  private static void matching(CachePaths paths, String input, Map<String, Path> files)
      throws CacheException, IOException {
    String normalized = paths.relative(paths.resolve(input, true));
    String base = "";
    for (String part : normalized.split("/", -1)) {
      if (part.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0)) {
        break;
      }
      base = base.isEmpty() ? part : base + "/" + part;
    }
    Path start = base.isEmpty() ? paths.workspace() : paths.workspace().resolve(base);
    if (Files.isDirectory(start)) {
      walk(paths, start, FileSystems.getDefault().getPathMatcher("glob:" + normalized), files);
    }
  }

  /** A pattern that matched only files another input already named still matched something. */
  private static boolean noneMatch(CachePaths paths, String input, Map<String, Path> files)
      throws CacheException {
    String normalized = paths.relative(paths.resolve(input, true));
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
    return files.keySet().stream().noneMatch(f -> m.matches(Path.of(f)));
  }

  private static void walk(
      CachePaths paths, Path start, @Nullable PathMatcher matcher, Map<String, Path> out)
      throws IOException {
    Path baton = paths.workspace().resolve(".baton");
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(baton) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = paths.relative(file);
            if (Files.isRegularFile(file) && (matcher == null || matcher.matches(Path.of(rel)))) {
              out.put(rel, file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
