package dev.baton.core.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * How a file is put into a cache entry and back into the workspace, the fastest safe way the file
 * system has (DVC's cache types): a reflink (copy on write: instant, and independent of the entry
 * afterwards), else a copy. A hard link to the entry is used only when asked for (the Java system
 * property {@code baton.cache.link=hardlink}): the workspace file then is the entry's file,
 * read-only, and writing it in place (as root, or after {@code chmod}) changes the entry, which the
 * next lookup finds by its checksum and discards.
 */
enum FileTransfer {
  REFLINK,
  HARDLINK,
  COPY;

  /**
   * The one chosen by the system property {@code baton.cache.link}: {@code hardlink}, or the
   * default.
   */
  static boolean hardLinksAllowed() {
    return "hardlink"
        .equals(System.getProperty("baton.cache.link", "").strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Puts the content of the entry's {@code blob} at the new path {@code to}, and says how.
   *
   * @param allowLink whether a hard link may be used
   */
  static FileTransfer restore(Path blob, Path to, boolean allowLink) throws IOException {
    if (Reflink.cloneFile(blob, to)) {
      return REFLINK;
    }
    if (allowLink) {
      try {
        Files.createLink(to, blob);
        return HARDLINK;
      } catch (IOException | UnsupportedOperationException e) {
        // Another file system or no hard links there: copied instead.
      }
    }
    copy(blob, to);
    return COPY;
  }

  /** Copies in the kernel ({@code sendfile}/{@code copy_file_range}), not through Java's heap. */
  static void copy(Path from, Path to) throws IOException {
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long size = in.size();
      for (long at = 0; at < size; ) {
        long n = in.transferTo(at, size - at, out);
        if (n <= 0 && in.size() <= at) {
          break;
        }
        at += n;
      }
    }
  }
}
