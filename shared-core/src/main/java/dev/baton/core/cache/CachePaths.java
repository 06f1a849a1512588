package dev.baton.core.cache;

import dev.baton.core.descriptor.CacheSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps cached paths inside the workspace. Paths are compared as {@link Path}s, element by element
 * ({@code out} is not a prefix of {@code outnot}), lexically after {@link Path#normalize()} and,
 * for what exists, again after {@link Path#toRealPath} so that a symbolic link cannot lead outside.
 */
final class CachePaths {
  private final Path workspace;
  private final Path realWorkspace;

  CachePaths(Path workspace) throws CacheException {
    this.workspace = workspace.toAbsolutePath().normalize();
    try {
      this.realWorkspace = this.workspace.toRealPath();
    } catch (IOException e) {
      throw new CacheException("cannot read the workspace " + workspace + ": " + e.getMessage(), e);
    }
  }

  Path workspace() {
    return workspace;
  }

  /** {@code relative} under the workspace; fails for absolute paths and {@code ..} escapes. */
  Path resolve(String relative, boolean pattern) throws CacheException {
    var why = CacheSpec.pathProblem(relative, pattern);
    if (why.isPresent()) {
      throw new CacheException("'" + relative + "' " + why.get());
    }
    Path p = workspace.resolve(relative).normalize();
    if (!p.startsWith(workspace) || p.equals(workspace)) {
      throw new CacheException("'" + relative + "' leaves the workspace");
    }
    return p;
  }

  /** The workspace-relative name of {@code p}, with {@code /} separators. */
  String relative(Path p) {
    return workspace.relativize(p).toString().replace('\\', '/');
  }

  /**
   * Fails when a directory on the way to {@code p} (not {@code p} itself) is, or passes through, a
   * symbolic link to somewhere outside the workspace.
   */
  void checkParents(Path p) throws CacheException {
    Path existing = p.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new CacheException(p + " is not under an existing directory");
    }
    try {
      if (!existing.toRealPath().startsWith(realWorkspace)) {
        throw new CacheException(
            "'" + relative(p) + "' lies behind a symbolic link that leads outside the workspace");
      }
    } catch (IOException e) {
      throw new CacheException("cannot resolve " + existing + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails when the symbolic link {@code link}, whose text is {@code target}, points outside the
   * workspace, lexically or (when its target exists) in reality.
   */
  void checkLink(Path link, String target) throws CacheException {
    Path resolved = link.resolveSibling(target).normalize();
    boolean inside = resolved.startsWith(workspace);
    if (inside && Files.exists(link)) {
      try {
        inside = link.toRealPath().startsWith(realWorkspace);
      } catch (IOException e) {
        throw new CacheException("cannot resolve link " + link + ": " + e.getMessage(), e);
      }
    }
    if (!inside) {
      throw new CacheException(
          "'"
              + relative(link)
              + "' is a symbolic link to "
              + target
              + ", outside the workspace; a cached output must stay inside it");
    }
  }

  static boolean isLink(Path p) {
    return Files.isSymbolicLink(p);
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }
}
