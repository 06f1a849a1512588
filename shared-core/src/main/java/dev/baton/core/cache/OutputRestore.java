package dev.baton.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Puts a verified entry's outputs back into the workspace. Each output is built beside its target
 * and renamed over it, so a target is either the old one or the complete restored one. A target
 * that cannot be replaced (a directory where a file belongs, a read-only directory) fails the
 * restore: the step runs instead.
 */
final class OutputRestore {
  private OutputRestore() {}

  static void restore(CachePaths paths, Path entry, CacheManifest manifest, List<String> outputs)
      throws CacheException {
    for (String output : outputs) {
      Path target = paths.resolve(output, false);
      List<CacheManifest.Item> items =
          manifest.items().stream().filter(i -> i.output().equals(output)).toList();
      String rootPath = paths.relative(target);
      CacheManifest.Item root =
          items.stream()
              .filter(i -> i.path().equals(rootPath))
              .findFirst()
              .orElseThrow(() -> new CacheException("the entry has no copy of '" + output + "'"));
      for (CacheManifest.Item item : items) {
        Path p = paths.resolve(item.path(), false);
        if (!p.startsWith(target)) {
          throw new CacheException("the entry names " + item.path() + " outside '" + output + "'");
        }
        if (item.type().equals("link")) {
          checkLinkText(paths, p, item.target());
        }
      }
      paths.checkParents(target);
      try {
        restoreOne(entry, target, root, items, paths);
      } catch (IOException e) {
        throw new CacheException(
            "cannot restore '"
                + output
                + "': "
                + e.getClass().getSimpleName()
                + " "
                + e.getMessage(),
            e);
      }
    }
  }

  private static void checkLinkText(CachePaths paths, Path link, String text)
      throws CacheException {
    if (!link.resolveSibling(text).normalize().startsWith(paths.workspace())) {
      throw new CacheException(
          "the entry's link " + paths.relative(link) + " points outside the workspace");
    }
  }

  private static void restoreOne(
      Path entry,
      Path target,
      CacheManifest.Item root,
      List<CacheManifest.Item> items,
      CachePaths paths)
      throws IOException {
    boolean isDir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
    if (root.type().equals("dir") && CachePaths.exists(target) && !isDir) {
      throw new IOException("a file stands where the directory should be restored");
    }
    if (!root.type().equals("dir") && isDir) {
      throw new IOException("a directory stands where the " + root.type() + " should be restored");
    }
    Files.createDirectories(target.getParent());
    Path staged =
        target.resolveSibling("." + target.getFileName() + ".baton-restore-" + UUID.randomUUID());
    try {
      List<CacheManifest.Item> dirs = new ArrayList<>();
      for (CacheManifest.Item item : items) {
        Path at =
            staged.resolve(
                target.relativize(paths.workspace().resolve(item.path()).normalize()).toString());
        switch (item.type()) {
          case "dir" -> {
            Files.createDirectories(at);
            dirs.add(0, item);
          }
          case "file" -> {
            Files.copy(entry.resolve(CacheManifest.BLOBS).resolve(item.blob()), at);
            FileModes.apply(at, item.mode());
          }
          case "link" -> Files.createSymbolicLink(at, Path.of(item.target()));
          default -> throw new IOException("unknown entry type " + item.type());
        }
      }
      for (CacheManifest.Item dir : dirs) {
        Path at =
            staged.resolve(
                target.relativize(paths.workspace().resolve(dir.path()).normalize()).toString());
        FileModes.apply(at, dir.mode());
      }
      swap(staged, target, isDir);
      staged = null;
    } finally {
      if (staged != null) {
        CacheStore.deleteTree(staged);
      }
    }
  }

  /** Renames {@code staged} over {@code target}; an old directory is moved aside, then removed. */
  private static void swap(Path staged, Path target, boolean oldIsDir) throws IOException {
    if (!oldIsDir) {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path aside =
        target.resolveSibling("." + target.getFileName() + ".baton-old-" + UUID.randomUUID());
    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    CacheStore.deleteTree(aside);
  }
}
