package dev.baton.core.cache;

import com.sun.jna.Native;
import dev.baton.core.os.LinuxLibc;
import java.io.File;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * {@code ioctl(FICLONE)}: a new file that shares the blocks of another until either is written
 * (copy on write), on file systems that have it (btrfs, XFS, bcachefs; not ext4 or tmpfs). A clone
 * is instant and an edit of either file never reaches the other.
 */
final class Reflink {
  /** Why the calls could not be bound, or null when they were. */
  static final @Nullable String PROBLEM = LinuxLibc.bind(Reflink.class);

  // _IOW(0x94, 9, int), the same on x86-64 and aarch64.
  private static final long FICLONE = 0x40049409L;
  private static final int O_EXCL = 0200;

  private Reflink() {}

  static native int open(String path, int flags, int mode);

  static native int ioctl(int fd, long request, int arg);

  static native int close(int fd);

  /**
   * Clones {@code from} into the new file {@code to} (mode 0600 until the caller sets it); false,
   * with {@code to} absent, where the file system cannot.
   */
  static boolean cloneFile(Path from, Path to) {
    if (PROBLEM != null) {
      return false;
    }
    int src = open(from.toString(), LinuxLibc.O_RDONLY | LinuxLibc.O_CLOEXEC, 0);
    if (src < 0) {
      return false;
    }
    try {
      int dst =
          open(
              to.toString(),
              LinuxLibc.O_WRONLY | LinuxLibc.O_CREAT | O_EXCL | LinuxLibc.O_CLOEXEC,
              0600);
      if (dst < 0) {
        return false;
      }
      int rc = ioctl(dst, FICLONE, src);
      int errno = rc < 0 ? Native.getLastError() : 0;
      close(dst);
      if (rc < 0) {
        // EOPNOTSUPP, EXDEV (another file system), EINVAL: the caller copies instead.
        File f = to.toFile();
        if (!f.delete() && f.exists()) {
          throw new IllegalStateException("cannot remove " + to + " after errno " + errno);
        }
        return false;
      }
      return true;
    } finally {
      close(src);
    }
  }
}
