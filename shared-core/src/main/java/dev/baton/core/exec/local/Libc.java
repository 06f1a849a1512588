package dev.baton.core.exec.local;

import com.sun.jna.Pointer;
import dev.baton.core.os.LinuxLibc;
import org.jspecify.annotations.Nullable;

/**
 * The few C library calls the local executor makes through JNA (direct mapping): {@code
 * posix_spawn} with its attribute and file-action helpers, {@code wait4} and {@code kill}, and the
 * pipe calls that hand a ready shell its script. Bound once, on first use; {@link #PROBLEM} says
 * why not where any of them is missing (not Linux, a C library older than glibc 2.34, JNA's native
 * part unloadable), and the executor then starts steps through its job shell instead.
 */
final class Libc {
  /** Why the calls could not be bound, or null when they were. */
  static final @Nullable String PROBLEM = LinuxLibc.bind(Libc.class);

  // Linux values (the same on x86-64 and aarch64, the only architectures bound).
  static final short POSIX_SPAWN_SETSIGDEF = 0x04;
  static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  static final short POSIX_SPAWN_SETSID = 0x80;
  static final int O_RDONLY = LinuxLibc.O_RDONLY;
  static final int O_WRONLY = LinuxLibc.O_WRONLY;
  static final int O_CREAT = LinuxLibc.O_CREAT;
  static final int O_APPEND = LinuxLibc.O_APPEND;
  static final int O_CLOEXEC = LinuxLibc.O_CLOEXEC;
  static final int ESRCH = 3;
  static final int EINTR = LinuxLibc.EINTR;
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  // Sizes with room to spare: glibc's posix_spawnattr_t is 336 bytes, its file actions 80, and a
  // sigset_t 128.
  static final int ATTR_BYTES = 512;
  static final int FILE_ACTIONS_BYTES = 256;
  static final int SIGSET_BYTES = 128;

  private Libc() {}

  static boolean available() {
    return PROBLEM == null;
  }

  static native int posix_spawn(
      int[] pid, Pointer path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

  static native int posix_spawnattr_init(Pointer attr);

  static native int posix_spawnattr_destroy(Pointer attr);

  static native int posix_spawnattr_setflags(Pointer attr, short flags);

  static native int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

  static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

  static native int posix_spawn_file_actions_init(Pointer actions);

  static native int posix_spawn_file_actions_destroy(Pointer actions);

  static native int posix_spawn_file_actions_addopen(
      Pointer actions, int fd, Pointer path, int flags, int mode);

  static native int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

  static native int posix_spawn_file_actions_addchdir_np(Pointer actions, Pointer path);

  static native int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

  static native int sigemptyset(Pointer set);

  static native int sigfillset(Pointer set);

  static native int waitpid(int pid, int[] status, int options);

  static native int wait4(int pid, int[] status, int options, long[] rusage);

  static native int kill(int pid, int signal);

  static native String strerror(int errno);

  static native int pipe2(int[] fds, int flags);

  static native long write(int fd, byte[] buf, long count);

  static native int close(int fd);
}
