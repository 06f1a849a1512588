package dev.baton.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code stat} says of a regular file, as git's index and DVC's state keep it: any write to
 * the file changes its change time ({@code ctime}), which no program can set back; size, modify
 * time, device and inode catch a file replaced by another.
 *
 * @param mtimeNs and {@code ctimeNs}: nanoseconds since the epoch, at the file system's resolution
 */
record FileStat(long dev, long ino, long size, long mtimeNs, long ctimeNs) {
  private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";

  /** The stat of a regular file; empty for anything else or where the platform does not say. */
  static Optional<FileStat> of(Path file) {
    try {
      Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      if (!(a.get("ino") instanceof Long ino) || !(a.get("dev") instanceof Long dev)) {
        return Optional.empty();
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      return Optional.of(
          new FileStat(
              dev,
              ino,
              (Long) Objects.requireNonNull(a.get("size")),
              nanos((FileTime) Objects.requireNonNull(a.get("lastModifiedTime"))),
              nanos((FileTime) Objects.requireNonNull(a.get("ctime")))));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No "unix" view (not a POSIX platform) or the file is gone: nothing to trust.
      return Optional.empty();
    }
  }

  static long nanos(FileTime t) {
    Instant i = t.toInstant();
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  /** Same file, same size, and not written since: the modify time is the same. */
  boolean sameContentAs(FileStat other) {
    return dev == other.dev && ino == other.ino && size == other.size && mtimeNs == other.mtimeNs;
  }
}
