package dev.baton.core.lease;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One {@code flock}ed lease file held by this process: an open descriptor (close-on-exec, at or
 * above {@link Flock#HIGH_FD}) whose lock lasts while this descriptor, or a copy of it inherited by
 * a step, stays open anywhere.
 */
final class LockFile {
  private final Path path;
  private int fd;

  private LockFile(Path path, int fd) {
    this.path = path;
    this.fd = fd;
  }

  /** Locks {@code path} (created 0666 if missing) without waiting; null when someone holds it. */
  static @Nullable LockFile tryLock(Path path) {
    int raw =
        Flock.open(
            path.toString(),
            Flock.O_RDWR | Flock.O_CREAT | Flock.O_CLOEXEC | Flock.O_NOFOLLOW,
            0666);
    if (raw < 0) {
      throw new LeaseException(
          path, "cannot open the lease file " + path + ": " + Flock.strerror(Flock.errno()));
    }
    int fd = Flock.fcntl(raw, Flock.F_DUPFD_CLOEXEC, Flock.HIGH_FD);
    Flock.close(raw);
    if (fd < 0) {
      throw new LeaseException(
          path, "cannot keep the lease file " + path + " open: " + Flock.strerror(Flock.errno()));
    }
    while (true) {
      if (Flock.flock(fd, Flock.LOCK_EX | Flock.LOCK_NB) == 0) {
        return new LockFile(path, fd);
      }
      int errno = Flock.errno();
      if (errno == Flock.EINTR) {
        continue;
      }
      Flock.close(fd);
      if (errno == Flock.EWOULDBLOCK) {
        return null;
      }
      throw new LeaseException(
          path, "cannot lock the lease file " + path + ": " + Flock.strerror(errno));
    }
  }

  /**
   * Whether some open file description holds the lock of {@code path} now (a probe: locks and
   * unlocks).
   */
  static boolean isHeld(Path path) {
    LockFile probe = tryLock(path);
    if (probe == null) {
      return true;
    }
    probe.close();
    return false;
  }

  Path path() {
    return path;
  }

  int fd() {
    return fd;
  }

  /** Closes this process's descriptor; the lock ends unless a step still holds a copy. */
  void close() {
    if (fd >= 0) {
      Flock.close(fd);
      fd = -1;
    }
  }
}
