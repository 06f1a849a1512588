package dev.baton.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way Baton reads a file whose path a user chose (a descriptor, a secret, a metrics or
 * benchmark file, a baseline, a run record, a journal): only regular files, and only up to a bound.
 * A FIFO would block the open forever and {@code /dev/zero} would fill the heap; both are refused
 * with a {@link FileRefusedException} that names the file and says what to do.
 */
public final class UserFiles {
  public static final long KiB = 1024;
  public static final long MiB = 1024 * KiB;

  private UserFiles() {}

  /**
   * The bytes of {@code file}, which must be a regular file of at most {@code maxBytes}; {@code
   * what} names its role in the messages ("descriptor", "metrics file").
   */
  public static byte[] readBytes(Path file, String what, long maxBytes) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new FileRefusedException(
          file,
          "is " + kind(file, attributes) + ", not a regular file",
          "give the " + what + " as a regular file");
    }
    if (attributes.size() > maxBytes) {
      throw tooLarge(file, what, maxBytes);
    }
    // The size can lie (files in /proc say 0, a file can grow): read at most one byte past it.
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(file, what, maxBytes);
      }
      return bytes;
    }
  }

  /** Like {@link #readBytes}, decoded as UTF-8; bytes that are not UTF-8 are refused. */
  public static String readText(Path file, String what, long maxBytes) throws IOException {
    byte[] bytes = readBytes(file, what, maxBytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new FileRefusedException(
          file, "is not UTF-8 text", "save the " + what + " as UTF-8 text");
    }
  }

  /** A bound as people write it: "1 MiB", "64 KiB", "100 bytes". */
  public static String human(long bytes) {
    if (bytes >= MiB && bytes % MiB == 0) {
      return bytes / MiB + " MiB";
    }
    if (bytes >= KiB && bytes % KiB == 0) {
      return bytes / KiB + " KiB";
    }
    return bytes + " bytes";
  }

  private static FileRefusedException tooLarge(Path file, String what, long maxBytes) {
    return new FileRefusedException(
        file,
        "is larger than " + human(maxBytes) + ", the most Baton reads for a " + what,
        "a " + what + " this large is almost certainly the wrong file; check the path");
  }

  private static String kind(Path file, BasicFileAttributes a) {
    if (a.isDirectory()) {
      return "a directory";
    }
    try {
      // The "unix" view (Linux, macOS) tells a FIFO from a device; the basic view cannot.
      int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
      switch (type) {
        case 0010000 -> {
          return "a FIFO (named pipe)";
        }
        case 0020000 -> {
          return "a character device";
        }
        case 0060000 -> {
          return "a block device";
        }
        case 0140000 -> {
          return "a socket";
        }
        default -> {}
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // Fall through to the general word.
    }
    return "a special file";
  }
}
