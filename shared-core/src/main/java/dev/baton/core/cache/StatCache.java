package dev.baton.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The digests of files Baton has hashed, each with the {@link FileStat} the file had: a file whose
 * stat is unchanged is not hashed again (git's index, DVC's state). Kept in {@code
 * .baton/cache-state/stat-cache.txt}, one line per file, written whole to a temporary file and
 * renamed over the old one, with the SHA-256 of its text on the last line and the host and
 * workspace it belongs to at the top.
 *
 * <p>It only ever saves work: a file that is torn, edited, of another version, host or workspace,
 * or unreadable is ignored as a whole (every file is hashed again), and a record is used only when
 * the file's device, inode, size, modify time and change time all match it. Lost updates (two
 * Batons saving at once) cost a hash, never a wrong answer.
 */
final class StatCache {
  static final String FILE = "stat-cache.txt";
  private static final String MAGIC = "baton-stat-cache 1";
  // Beyond this, records not used by this process are dropped when saving.
  private static final int MAX_RECORDS = 100_000;

  /** One file's digest and the stat it had when hashed. */
  record Entry(FileStat stat, String sha256) {}

  private final Path file;
  private final String owner;
  private final Map<String, Entry> records = new HashMap<>();
  private final Set<String> touched = new HashSet<>();
  private boolean dirty;

  private StatCache(Path file, String owner) {
    this.file = file;
    this.owner = owner;
  }

  /**
   * The stat cache of the cache root {@code cacheRoot}, kept in {@code dir}; empty if unreadable or
   * not this one's.
   */
  static StatCache load(Path dir, Path cacheRoot) {
    StatCache c = new StatCache(dir.resolve(FILE), owner(cacheRoot));
    c.records.putAll(read(c.file, c.owner));
    return c;
  }

  /** The digest recorded for {@code path} when its stat is still {@code now}. */
  synchronized Optional<String> lookup(Path path, FileStat now) {
    Entry e = records.get(key(path));
    if (e == null || !e.stat().equals(now)) {
      return Optional.empty();
    }
    touched.add(key(path));
    return Optional.of(e.sha256());
  }

  synchronized void record(Path path, FileStat stat, String sha256) {
    Entry old = records.put(key(path), new Entry(stat, sha256));
    touched.add(key(path));
    dirty |= !new Entry(stat, sha256).equals(old);
  }

  synchronized void forget(Path path) {
    dirty |= records.remove(key(path)) != null;
  }

  /**
   * Writes the records out, merged with what another Baton saved meanwhile (ours win). Failing to
   * save loses nothing but time: the files are hashed again next run.
   */
  synchronized void save() {
    if (!dirty) {
      return;
    }
    Map<String, Entry> merged = new LinkedHashMap<>(read(file, owner));
    merged.putAll(records);
    if (merged.size() > MAX_RECORDS) {
      merged.keySet().removeIf(k -> !touched.contains(k));
    }
    StringBuilder text = new StringBuilder(MAGIC).append('\n');
    text.append("owner\t").append(CacheManifest.escape(owner)).append('\n');
    merged.forEach(
        (path, e) ->
            text.append("file\t")
                .append(CacheManifest.escape(path))
                .append('\t')
                .append(e.stat().dev())
                .append('\t')
                .append(e.stat().ino())
                .append('\t')
                .append(e.stat().size())
                .append('\t')
                .append(e.stat().mtimeNs())
                .append('\t')
                .append(e.stat().ctimeNs())
                .append('\t')
                .append(e.sha256())
                .append('\n'));
    String sum = Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
    text.append("sum\t").append(sum).append('\n');
    Path tmp = file.resolveSibling("." + FILE + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(file.getParent());
      // Not forced to disk: a file torn by a crash fails its checksum and is ignored, and an fsync
      // here would wait for ext4 to write out a just-restored checkpoint (data=ordered).
      Files.writeString(tmp, text);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      dirty = false;
    } catch (IOException e) {
      // Kept in memory for this run; the next one hashes again.
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // A stray temporary file is never read as the stat cache.
      }
    }
  }

  synchronized int size() {
    return records.size();
  }

  private static String key(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  /** The host and cache the records belong to: a stat cache copied from elsewhere is not used. */
  private static String owner(Path cacheRoot) {
    String host;
    try {
      // Not InetAddress.getLocalHost(): that may wait on a name server.
      host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      host = "";
    }
    return host + ":" + cacheRoot.toAbsolutePath().normalize();
  }

  private static Map<String, Entry> read(Path file, String owner) {
    Map<String, Entry> out = new HashMap<>();
    try {
      if (!Files.isRegularFile(file)) {
        return out;
      }
      String text = Files.readString(file);
      int sumAt = text.lastIndexOf("sum\t");
      if (!text.startsWith(MAGIC + "\n") || sumAt < 0 || !text.endsWith("\n")) {
        return Map.of();
      }
      String body = text.substring(0, sumAt);
      String sum = text.substring(sumAt + 4, text.length() - 1);
      if (!Sha256.of(body.getBytes(StandardCharsets.UTF_8)).equals(sum)) {
        return Map.of();
      }
      String[] lines = body.lines().toArray(String[]::new);
      if (lines.length < 2 || !lines[1].equals("owner\t" + CacheManifest.escape(owner))) {
        return Map.of();
      }
      for (int i = 2; i < lines.length; i++) {
        String[] f = lines[i].split("\t", -1);
        if (f.length != 8 || !f[0].equals("file") || !f[7].matches("[0-9a-f]{64}")) {
          return Map.of();
        }
        FileStat stat =
            new FileStat(
                Long.parseLong(f[2]),
                Long.parseLong(f[3]),
                Long.parseLong(f[4]),
                Long.parseLong(f[5]),
                Long.parseLong(f[6]));
        out.put(CacheManifest.unescape(f[1]), new Entry(stat, f[7]));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      // Unreadable, not UTF-8, a number that is not one: start empty.
      return Map.of();
    }
  }
}
