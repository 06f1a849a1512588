package dev.baton.core.lease;

import com.sun.jna.Native;
import dev.baton.core.os.LinuxLibc;
import org.jspecify.annotations.Nullable;

/**
 * The C library calls a lease needs, through JNA (direct mapping): {@code open}, {@code flock},
 * {@code fcntl}, {@code close} and {@code chmod}. {@code flock} locks belong to an open file
 * description, not to a process: a descriptor inherited by a step keeps the lock after Baton is
 * gone, and the kernel drops it when the last process holding that description ends. Java's {@code
 * FileChannel.lock} cannot do this (its POSIX record locks die with the process that took them).
 */
final class Flock {
  /** Why the calls could not be bound, or null when they were. */
  static final @Nullable String PROBLEM = LinuxLibc.bind(Flock.class);

  // Linux values (the same on x86-64 and aarch64).
  static final int O_RDWR = LinuxLibc.O_RDWR;
  static final int O_CREAT = LinuxLibc.O_CREAT;
  static final int O_CLOEXEC = LinuxLibc.O_CLOEXEC;
  static final int O_NOFOLLOW = LinuxLibc.O_NOFOLLOW;
  static final int LOCK_EX = 2;
  static final int LOCK_NB = 4;
  static final int LOCK_UN = 8;
  static final int F_DUPFD_CLOEXEC = 1030;
  static final int EINTR = LinuxLibc.EINTR;
  static final int EWOULDBLOCK = LinuxLibc.EWOULDBLOCK;

  /**
   * Lease descriptors are moved to this number or above, so that a launcher can place them at 3, 4,
   * ... in a new process without overwriting one it has not yet moved.
   */
  static final int HIGH_FD = 64;

  private Flock() {}

  static boolean available() {
    return PROBLEM == null;
  }

  static native int open(String path, int flags, int mode);

  static native int flock(int fd, int operation);

  static native int fcntl(int fd, int cmd, int arg);

  static native int close(int fd);

  static native int chmod(String path, int mode);

  static native String strerror(int errno);

  static int errno() {
    return Native.getLastError();
  }
}
