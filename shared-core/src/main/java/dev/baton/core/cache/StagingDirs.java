package dev.baton.core.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cache's temporary directories: {@code .tmp-<pid>.<start>-<key>-<uuid>} where an entry is
 * built, named after the Baton process that builds it (its pid and start time, so a reused pid is
 * not mistaken for it), and {@code .trash-<uuid>} where a discarded entry is deleted. A Baton
 * killed while it stores or discards leaves one behind; the next store removes those whose owner is
 * gone, never one a live Baton (a parallel {@code baton step}) is writing.
 */
final class StagingDirs {
  private static final String TMP = ".tmp-";
  private static final String TRASH = ".trash-";
  private static final Pattern OWNED = Pattern.compile("\\.tmp-(\\d+)\\.(\\d+)-.*");
  // Staging directories of Batons older than this naming carry no owner: taken as left once
  // nothing has touched them for this long.
  private static final Duration UNOWNED_AGE = Duration.ofHours(1);
  private static final String OWNER = owner(ProcessHandle.current());

  private StagingDirs() {}

  /** The name of a new staging directory for {@code key}, owned by this process. */
  static String newName(String key) {
    return TMP + OWNER + "-" + key + "-" + UUID.randomUUID();
  }

  /** Removes the temporary directories under {@code root} whose Baton is gone. */
  static void removeLeft(Path root) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, ".{tmp,trash}-*")) {
      for (Path dir : dirs) {
        if (left(dir)) {
          CacheStore.deleteTree(dir);
        }
      }
    } catch (IOException e) {
      // Nothing to clean, or the cache cannot be listed: the store itself will say so.
    }
  }

  /** Whether {@code dir} was left by a Baton that is gone. */
  static boolean left(Path dir) {
    String name = dir.getFileName().toString();
    if (name.startsWith(TRASH)) {
      // Deleting one a live Baton deletes too is harmless: both remove what is there.
      return true;
    }
    if (!name.startsWith(TMP)) {
      return false;
    }
    Matcher m = OWNED.matcher(name);
    if (m.matches()) {
      return !alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }
    try {
      Instant touched = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
      return touched.isBefore(Instant.now().minus(UNOWNED_AGE));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean alive(long pid, long startMillis) {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    return p.isPresent()
        && p.get().isAlive()
        && (startMillis == 0 || owner(p.get()).equals(pid + "." + startMillis));
  }

  /** {@code <pid>.<start in epoch ms>}, the start 0 where the platform does not tell it. */
  static String owner(ProcessHandle p) {
    return p.pid() + "." + p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }
}
