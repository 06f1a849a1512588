package dev.baton.core.os;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.jspecify.annotations.Nullable;

/**
 * Binds a class's {@code native} methods to the C library, the one way every part of Baton that
 * calls it does: Linux on x86-64 or aarch64 only (where the constants its callers use are known),
 * by file name, never throwing.
 */
public final class LinuxLibc {
  /** {@code open(2)} flags and errno values, the same on x86-64 and aarch64 Linux. */
  public static final int O_RDONLY = 0;

  public static final int O_WRONLY = 01;
  public static final int O_RDWR = 02;
  public static final int O_CREAT = 0100;
  public static final int O_APPEND = 02000;
  public static final int O_NOFOLLOW = 0400000;
  public static final int O_CLOEXEC = 02000000;
  public static final int EINTR = 4;
  public static final int EWOULDBLOCK = 11;

  private LinuxLibc() {}

  /**
   * Tells JNA not to build its library search path: on Linux it runs {@code ldconfig -p} for it (a
   * process start, through the JDK's {@code jspawnhelper}: two execs per Baton run), and Baton
   * binds every library by its file name ({@code libc.so.6}, {@code libcrypto.so.3}), which the
   * dynamic linker finds by itself. Call before the first binding; a path the user set is kept.
   */
  public static void skipLibrarySearchPath() {
    if (System.getProperty("jna.platform.library.path") == null) {
      System.setProperty("jna.platform.library.path", "");
    }
  }

  /**
   * Registers the native methods of {@code natives} against {@code libc.so.6}.
   *
   * @return null when bound, else why not (not Linux on x86-64 or aarch64, a missing symbol, JNA's
   *     native part not loadable)
   */
  public static @Nullable String bind(Class<?> natives) {
    String arch = System.getProperty("os.arch", "");
    try {
      if (!Platform.isLinux() || !(arch.equals("amd64") || arch.equals("aarch64"))) {
        return "not Linux on x86-64 or aarch64";
      }
      skipLibrarySearchPath();
      // By its file name, so that JNA opens it directly instead of searching for "c".
      Native.register(natives, "libc.so.6");
      return null;
    } catch (Throwable e) {
      // UnsatisfiedLinkError or another linkage error: the caller falls back.
      return e.toString();
    }
  }
}
