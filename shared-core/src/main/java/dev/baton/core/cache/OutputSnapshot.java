package dev.baton.core.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
    return store(paths, store, key, stepId, outputs, new byte[0]);
  }

  /** Stores the outputs, and {@code stepOutputs}, the bytes of the step's {@code $BATON_OUTPUT}. */
  static boolean store(
      CachePaths paths,
      CacheStore store,
      String key,
      String stepId,
      List<String> outputs,
      byte[] stepOutputs)
      throws CacheException, IOException {
    List<Path> targets = check(paths, outputs);
    Path staged = store.stagingDir(key);
    boolean published = false;
    try {
      Path blobs = Files.createDirectory(staged.resolve(CacheManifest.BLOBS));
      List<CacheManifest.Item> items = new ArrayList<>();
      for (int i = 0; i < outputs.size(); i++) {
        collect(paths, outputs.get(i), targets.get(i), blobs, items);
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
      return published;
    } finally {
      if (!published) {
        CacheStore.deleteTree(staged);
      }
    }
  }

  private static void collect(
      CachePaths paths, String output, Path target, Path blobs, List<CacheManifest.Item> items)
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
              Path copy = blobs.resolve(blob);
              String sha = copy(file, copy);
              items.add(
                  new CacheManifest.Item(
                      output, rel, "file", Files.size(copy), sha, FileModes.of(file), "", blob));
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

  /** Copies {@code from} to the new file {@code to}, forced to disk; returns its SHA-256. */
  private static String copy(Path from, Path to) throws IOException {
    MessageDigest md = Sha256.digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(from), md)) {
      Files.copy(in, to);
    }
    CacheStore.sync(to);
    return HexFormat.of().formatHex(md.digest());
  }
}
