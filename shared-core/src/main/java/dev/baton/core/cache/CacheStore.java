package dev.baton.core.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The entries under {@code .baton/cache/<key>/}: {@code manifest.txt}, its {@code manifest.sha256}
 * and the files under {@code files/}. An entry is built in a temporary directory beside it and
 * renamed into place, so readers see a whole entry or none; it is verified in full before anything
 * in the workspace is touched.
 */
final class CacheStore {
  private final Path root;
  private final FileDigests digests;

  CacheStore(Path root) {
    this(root, FileDigests.under(root));
  }

  /** A store whose entries' files are checked through {@code digests}' stat cache. */
  CacheStore(Path root, FileDigests digests) {
    this.root = root;
    this.digests = digests;
  }

  FileDigests digests() {
    return digests;
  }

  /** {@code .baton/cache} under the workspace. */
  static Path rootFor(Path workspace) {
    return workspace.resolve(".baton").resolve("cache");
  }

  Path entry(String key) {
    return root.resolve(key);
  }

  /** What a lookup found. */
  sealed interface Lookup {}

  /** No entry for the key. */
  record Absent() implements Lookup {}

  /** An entry whose every file matched its checksum. */
  record Verified(Path dir, CacheManifest manifest) implements Lookup {}

  /** An entry that failed verification and was removed. */
  record Discarded(String reason) implements Lookup {}

  /**
   * Finds and verifies the entry of {@code key}; a damaged entry is removed. Each stored file is
   * checked against its checksum, hashed again unless the stat cache shows it unchanged since it
   * was last hashed or written.
   */
  Lookup lookup(String key) {
    Path dir = entry(key);
    if (!Files.isDirectory(dir)) {
      return new Absent();
    }
    try {
      return new Verified(dir, verify(dir, key));
    } catch (CacheException e) {
      discard(dir);
      return new Discarded(e.getMessage());
    }
  }

  private CacheManifest verify(Path dir, String key) throws CacheException {
    CacheManifest manifest;
    try {
      byte[] json = Files.readAllBytes(dir.resolve(CacheManifest.FILE));
      String expected = Files.readString(dir.resolve(CacheManifest.CHECKSUM)).strip();
      if (!Sha256.of(json).equals(expected)) {
        throw new CacheException("its manifest does not match its checksum");
      }
      manifest = CacheManifest.fromText(json);
    } catch (NoSuchFileException e) {
      throw new CacheException("it has no " + e.getFile(), e);
    } catch (IOException e) {
      throw new CacheException("its manifest cannot be read: " + e.getMessage(), e);
    }
    if (manifest.version() != CacheManifest.VERSION || !key.equals(manifest.key())) {
      throw new CacheException("its manifest belongs to another key or Baton version");
    }
    for (CacheManifest.Item item : manifest.items()) {
      if (!item.type().equals("file")) {
        continue;
      }
      Path blob = dir.resolve(CacheManifest.BLOBS).resolve(item.blob()).normalize();
      try {
        if (!blob.startsWith(dir) || Files.size(blob) != item.size()) {
          throw new CacheException("the stored copy of " + item.path() + " has the wrong size");
        }
        if (!digests.sha256(blob).equals(item.sha256())) {
          throw new CacheException(
              "the stored copy of " + item.path() + " does not match its checksum");
        }
      } catch (IOException e) {
        throw new CacheException(
            "the stored copy of " + item.path() + " cannot be read: " + e.getMessage(), e);
      }
    }
    return manifest;
  }

  /**
   * Publishes {@code staged} (a complete entry directory under this store) as the entry of {@code
   * key}. Returns false when another publisher got there first; the staged copy is removed.
   */
  boolean publish(Path staged, String key) throws IOException {
    Path target = entry(key);
    try {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(root);
      return true;
    } catch (AtomicMoveNotSupportedException e) {
      deleteTree(staged);
      throw e;
    } catch (FileSystemException e) {
      // Linux reports a taken name as "Directory not empty" without the specific subtype.
      deleteTree(staged);
      if (Files.isDirectory(target)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * A fresh directory beside the entries to build one in; those a killed Baton left are removed
   * first.
   */
  Path stagingDir(String key) throws IOException {
    Files.createDirectories(root);
    StagingDirs.removeLeft(root);
    return Files.createDirectory(root.resolve(StagingDirs.newName(key)));
  }

  /** Removes an entry: renamed aside first, so no reader sees it half-deleted. */
  void discard(Path dir) {
    try {
      Path aside = root.resolve(".trash-" + UUID.randomUUID());
      Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(aside);
    } catch (IOException e) {
      // Another run removed or replaced it; nothing of it is used either way.
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Left-over temporary files are harmless: they are never read as entries.
    }
  }

  static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // Not every platform can open a directory; the files themselves are already on disk.
    }
  }
}
