package dev.baton.core.lease;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library calls a lease needs, through JNA (direct mapping): {@code open}, {@code flock},
 * {@code fcntl}, {@code close} and {@code chmod}. {@code flock} locks belong to an open file
 * description, not to a process: a descriptor inherited by a step keeps the lock after Baton is
 * gone, and the kernel drops it when the last process holding that description ends. Java's {@code
 * FileChannel.lock} cannot do this (its POSIX record locks die with the process that took them).
 */
final class Flock {
  /** Why the calls could not be bound, or null when they were. */
  static final String PROBLEM = bind();

  // Linux values (the same on x86-64 and aarch64).
  static final int O_RDWR = 02;
  static final int O_CREAT = 0100;
  static final int O_CLOEXEC = 02000000;
  static final int O_NOFOLLOW = 0400000;
  static final int LOCK_EX = 2;
  static final int LOCK_NB = 4;
  static final int LOCK_UN = 8;
  static final int F_DUPFD_CLOEXEC = 1030;
  static final int EINTR = 4;
  static final int EWOULDBLOCK = 11;

  /**
   * Lease descriptors are moved to this number or above, so that a launcher can place them at 3, 4,
   * ... in a new process without overwriting one it has not yet moved.
   */
  static final int HIGH_FD = 64;

  private Flock() {}

  static boolean available() {
    return PROBLEM == null;
  }

  private static String bind() {
    String arch = System.getProperty("os.arch", "");
    try {
      if (!Platform.isLinux() || !(arch.equals("amd64") || arch.equals("aarch64"))) {
        return "not Linux on x86-64 or aarch64";
      }
      Native.register(Flock.class, "libc.so.6");
      return null;
    } catch (Throwable e) {
      return e.toString();
    }
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
