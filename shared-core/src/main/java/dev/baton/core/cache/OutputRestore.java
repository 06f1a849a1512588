package dev.baton.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Puts a verified entry's outputs back into the workspace. Each output is built beside its target
 * and renamed over it, so a target is either the old one or the complete restored one. A target
 * that cannot be replaced (a directory where a file belongs, a read-only directory) fails the
 * restore: the step runs instead.
 *
 * <p>An output already in place — every file's stat cache record showing the entry's checksum, same
 * modes, same links, nothing more under it — is left as it is: a re-run with nothing changed reads
 * and writes no file data. Files are put back by {@link FileTransfer} (reflink, else copy, or a
 * hard link when asked for) and remembered in the stat cache with the entry's checksum.
 */
final class OutputRestore {
  private OutputRestore() {}

  /** What a restore did: files put back each way, and outputs found already in place. */
  record Summary(Map<FileTransfer, Integer> files, int outputsInPlace) {
    String describe() {
      StringBuilder sb = new StringBuilder();
      files.forEach(
          (how, n) ->
              sb.append(sb.length() == 0 ? "" : ", ")
                  .append(n)
                  .append(n == 1 ? " file by " : " files by ")
                  .append(how.name().toLowerCase(Locale.ROOT)));
      if (outputsInPlace > 0) {
        sb.append(sb.length() == 0 ? "" : ", ")
            .append(outputsInPlace)
            .append(outputsInPlace == 1 ? " output" : " outputs")
            .append(" already in place");
      }
      return sb.toString();
    }
  }

  static Summary restore(CachePaths paths, Path entry, CacheManifest manifest, List<String> outputs)
      throws CacheException {
    return restore(
        paths,
        entry,
        manifest,
        outputs,
        FileDigests.under(CacheStore.rootFor(paths.workspace())),
        false);
  }

  /**
   * @param digests the stat cache restored files are checked against and remembered in
   * @param allowLink whether files may be hard links to the entry's (see {@link FileTransfer})
   */
  static Summary restore(
      CachePaths paths,
      Path entry,
      CacheManifest manifest,
      List<String> outputs,
      FileDigests digests,
      boolean allowLink)
      throws CacheException {
    Map<FileTransfer, Integer> files = new EnumMap<>(FileTransfer.class);
    int inPlace = 0;
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
        if (inPlace(paths, target, root, items, digests, allowLink)) {
          inPlace++;
          continue;
        }
        restoreOne(entry, target, root, items, paths, digests, allowLink, files);
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
    return new Summary(files, inPlace);
  }

  /** Whether the workspace already holds exactly what the entry has for this output. */
  private static boolean inPlace(
      CachePaths paths,
      Path target,
      CacheManifest.Item root,
      List<CacheManifest.Item> items,
      FileDigests digests,
      boolean allowLink)
      throws IOException, CacheException {
    for (CacheManifest.Item item : items) {
      Path p = paths.resolve(item.path(), false);
      boolean same =
          switch (item.type()) {
            case "file" ->
                digests.known(p).filter(item.sha256()::equals).isPresent()
                    && (FileModes.of(p).equals(item.mode())
                        || (allowLink && FileModes.of(p).equals(FileModes.readOnly(item.mode()))));
            case "dir" ->
                Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && FileModes.of(p).equals(item.mode());
            case "link" ->
                Files.isSymbolicLink(p)
                    && Files.readSymbolicLink(p).toString().equals(item.target());
            default -> false;
          };
      if (!same) {
        return false;
      }
    }
    if (!root.type().equals("dir")) {
      return true;
    }
    try (Stream<Path> all = Files.walk(target)) {
      return all.count() == items.size();
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
      CachePaths paths,
      FileDigests digests,
      boolean allowLink,
      Map<FileTransfer, Integer> counts)
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
    Map<CacheManifest.Item, FileStat> written = new HashMap<>();
    // Linking changes the entry file's change time (its link count): remembered again after.
    Map<Path, FileStat> linkedBlobs = new HashMap<>();
    Map<Path, String> linkedSha = new HashMap<>();
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
            Path blob = entry.resolve(CacheManifest.BLOBS).resolve(item.blob());
            Optional<FileStat> verified =
                allowLink ? digests.statIfKnown(blob, item.sha256()) : Optional.empty();
            FileTransfer how = FileTransfer.restore(blob, at, allowLink);
            if (how == FileTransfer.HARDLINK && verified.isPresent()) {
              linkedBlobs.put(blob, verified.get());
              linkedSha.put(blob, item.sha256());
            }
            // A hard-linked file shares its inode with the entry: read-only, so that a program not
            // running as root cannot write the entry through it.
            String mode =
                how == FileTransfer.HARDLINK ? FileModes.readOnly(item.mode()) : item.mode();
            if (how != FileTransfer.HARDLINK || !FileModes.of(at).equals(mode)) {
              // A chmod of a linked entry file changes its change time: done once, not per restore.
              FileModes.apply(at, mode);
            }
            if (Files.size(at) != item.size()) {
              throw new IOException("the restored " + item.path() + " has the wrong size");
            }
            counts.merge(how, 1, Integer::sum);
            digests.settled(at).ifPresent(s -> written.put(item, s));
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
      written.forEach(
          (item, stat) ->
              digests.rememberMoved(paths.workspace().resolve(item.path()), stat, item.sha256()));
      linkedBlobs.forEach(
          (blob, stat) ->
              digests.rememberMoved(blob, stat, Objects.requireNonNull(linkedSha.get(blob))));
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
