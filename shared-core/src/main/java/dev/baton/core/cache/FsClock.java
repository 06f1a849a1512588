package dev.baton.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The file system's own clock, read by writing a small file and reading its change time: a file
 * written after this reading gets a change time at or after it. A recorded stat is trusted only
 * when the file's change time is strictly before such a reading taken after the stat and before the
 * content was read ("racy" files, as git calls them, are hashed again next time): a write in the
 * same clock tick as the recorded one would otherwise leave the stat as it was. Any earlier reading
 * past the change time serves as well (the clock only moves on), so the last one is kept and most
 * checks write nothing.
 */
final class FsClock {
  /** Longest wait for the clock to tick past a file just written (a tick is 1 – 10 ms). */
  private static final long MAX_WAIT_NANOS = 30_000_000L;

  // File systems on other devices may keep coarser times (1 s, FAT's 2 s): a change time there
  // counts as safely past only this far before the reading.
  private static final long OTHER_DEVICE_MARGIN_NANOS = 2_100_000_000L;

  private final Path dir;
  private volatile @Nullable FileStat last;

  FsClock(Path dir) {
    this.dir = dir;
  }

  /** The file system time now, and its device; empty when no file can be written. */
  Optional<FileStat> now() {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".clock-", "");
      try {
        Files.write(probe, new byte[] {1});
        return FileStat.of(probe);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Waits (at most a few ticks) until the file system clock has passed {@code stat}'s change time;
   * false when it did not, or when the clock cannot be read: the stat must not be trusted then.
   */
  boolean tickedPast(FileStat stat) {
    FileStat known = last;
    if (known != null && known.dev() == stat.dev() && stat.ctimeNs() < known.ctimeNs()) {
      return true;
    }
    long deadline = System.nanoTime() + MAX_WAIT_NANOS;
    while (true) {
      Optional<FileStat> now = now();
      now.ifPresent(n -> last = n);
      if (now.isEmpty()) {
        return false;
      }
      long margin = now.get().dev() == stat.dev() ? 0 : OTHER_DEVICE_MARGIN_NANOS;
      if (stat.ctimeNs() + margin < now.get().ctimeNs()) {
        return true;
      }
      if (margin > 0 || System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
