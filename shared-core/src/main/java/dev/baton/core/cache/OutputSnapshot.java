package dev.baton.core.cache;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Copies a step's declared outputs into a new cache entry and publishes it. */
final class OutputSnapshot {
  private OutputSnapshot() {}

  /**
   * Checks that every output exists and stays inside the workspace before anything is copied.
   *
   * @throws CacheException naming the output a step promised and did not produce, or one that leads
   *     outside the workspace: the step fails
   */
  static List<Path> check(CachePaths paths, List<String> outputs) throws CacheException {
    List<Path> out = new ArrayList<>();
    for (String output : outputs) {
      Path p = paths.resolve(output, false);
      if (!CachePaths.exists(p)) {
        throw new CacheException(
            "the step succeeded but did not produce its declared output '"
                + output
                + "'; make it write "
                + paths.relative(p)
                + " or remove it from 'outputs:'");
      }
      paths.checkParents(p);
      out.add(p);
    }
    return out;
  }

  /**
   * Stores the outputs under {@code key}; returns false when another run published the same key
   * first (its entry is as good).
   *
   * @throws CacheException when an output is or holds a symbolic link leading out of the workspace
   * @throws IOException when the entry cannot be written (disk full): nothing is published
   */
  /** Stores the outputs of a step that wrote no {@code $BATON_OUTPUT}. */
  static boolean store(
      CachePaths paths, CacheStore store, String key, String stepId, List<String> outputs)
      throws CacheException, IOException {
    return store(paths, store, key, stepId, outputs, false, new byte[0]);
  }

  /**
   * Stores the outputs, and {@code stepOutputs}, the bytes of the step's {@code $BATON_OUTPUT}.
   *
   * @param allowLink whether an output file may become the entry's file (a hard link, made
   *     read-only) instead of being copied; see {@link FileTransfer}
   */
  static boolean store(
      CachePaths paths,
      CacheStore store,
      String key,
      String stepId,
      List<String> outputs,
      boolean allowLink,
      byte[] stepOutputs)
      throws CacheException, IOException {
    List<Path> targets = check(paths, outputs);
    Path staged = store.stagingDir(key);
    boolean published = false;
    try {
      Path blobs = Files.createDirectory(staged.resolve(CacheManifest.BLOBS));
      List<CacheManifest.Item> items = new ArrayList<>();
      // The stats of the entry's files as stored, remembered once the entry is published.
      Map<String, FileStat> written = new HashMap<>();
      Blobs into = new Blobs(store.digests(), blobs, allowLink, written);
      for (int i = 0; i < outputs.size(); i++) {
        collect(paths, into, outputs.get(i), targets.get(i), items);
      }
      if (stepOutputs.length > 0) {
        Path copy = Files.write(blobs.resolve(CacheManifest.STEP_OUTPUTS), stepOutputs);
        CacheStore.sync(copy);
        items.add(CacheManifest.stepOutputsItem(stepOutputs.length, Sha256.of(copy)));
      }
      byte[] json = new CacheManifest(CacheManifest.VERSION, key, stepId, items).toText();
      Path manifest = Files.write(staged.resolve(CacheManifest.FILE), json);
      CacheStore.sync(manifest);
      Path checksum = Files.writeString(staged.resolve(CacheManifest.CHECKSUM), Sha256.of(json));
      CacheStore.sync(checksum);
      CacheStore.syncDirectory(blobs);
      CacheStore.syncDirectory(staged);
      published = store.publish(staged, key);
      if (published) {
        Path entryBlobs = store.entry(key).resolve(CacheManifest.BLOBS);
        for (CacheManifest.Item item : items) {
          FileStat stat = written.get(item.blob());
          if (stat != null) {
            store.digests().rememberMoved(entryBlobs.resolve(item.blob()), stat, item.sha256());
          }
        }
      }
      return published;
    } finally {
      if (!published) {
        CacheStore.deleteTree(staged);
      }
    }
  }

  /** Where and how output files are put into the entry being built. */
  private record Blobs(
      FileDigests digests, Path dir, boolean allowLink, Map<String, FileStat> written) {}

  private static void collect(
      CachePaths paths, Blobs blobs, String output, Path target, List<CacheManifest.Item> items)
      throws CacheException, IOException {
    List<CacheException> problems = new ArrayList<>();
    Files.walkFileTree(
        target,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            items.add(
                new CacheManifest.Item(
                    output, paths.relative(dir), "dir", 0, "", FileModes.of(dir), "", ""));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = paths.relative(file);
            if (attrs.isSymbolicLink()) {
              String linkText = Files.readSymbolicLink(file).toString();
              try {
                paths.checkLink(file, linkText);
              } catch (CacheException e) {
                problems.add(e);
                return FileVisitResult.TERMINATE;
              }
              items.add(new CacheManifest.Item(output, rel, "link", 0, "", "", linkText, ""));
            } else if (attrs.isRegularFile()) {
              String blob = Integer.toString(items.size());
              Path copy = blobs.dir().resolve(blob);
              String mode = FileModes.of(file);
              FileDigests.Stored stored = blobs.digests().store(file, copy, blobs.allowLink());
              stored.stat().ifPresent(s -> blobs.written().put(blob, s));
              items.add(
                  new CacheManifest.Item(
                      output, rel, "file", Files.size(copy), stored.sha256(), mode, "", blob));
            } else {
              problems.add(
                  new CacheException(
                      "output '" + rel + "' is neither a file, a directory nor a link"));
              return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    if (!problems.isEmpty()) {
      throw problems.get(0);
    }
  }
}
