package dev.baton.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** POSIX permissions as text ({@code rwxr-xr-x}); empty on file systems without them. */
final class FileModes {
  private FileModes() {}

  static String of(Path p) {
    try {
      return PosixFilePermissions.toString(
          Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  /** {@code mode} without its write bits; read-only for everyone where the mode is unknown. */
  static String readOnly(String mode) {
    return mode.isEmpty() ? "r--r--r--" : mode.replace('w', '-');
  }

  static void apply(Path p, String mode) throws IOException {
    if (mode.isEmpty()) {
      return;
    }
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      // A file system without POSIX permissions keeps its defaults.
    } catch (IllegalArgumentException e) {
      throw new IOException("the stored mode '" + mode + "' is not a permission string", e);
    }
  }
}
