package dev.baton.core.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/** Reading and writing the holder line of lease files. */
final class LeaseFiles {
  private static final int MAX_LINE = 4096;

  private LeaseFiles() {}

  /** Names {@code holder} in each file; best effort: a lease holds without its description. */
  static void describe(List<LockFile> files, LeaseHolder holder) {
    byte[] line = HolderText.write(holder).getBytes(StandardCharsets.UTF_8);
    for (LockFile f : files) {
      // Over the old line, then cut to length: truncating to zero before writing makes ext4 flush
      // the file when it is closed (auto_da_alloc), milliseconds per lease file on a busy disk.
      try (FileChannel c =
          FileChannel.open(f.path(), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
          c.write(b, b.position());
        }
        c.truncate(line.length);
      } catch (IOException | UnsupportedOperationException e) {
        // The lock is what excludes others; the line only tells people who holds it.
      }
    }
  }

  /** Lets every user of the machine lock a file this process created (umask would not). */
  static void shareable(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    } catch (IOException | UnsupportedOperationException e) {
      // Made by another user, who shared it; or not a POSIX file system.
    }
  }

  /** The holder named in {@code file}, empty when the line is missing or unreadable. */
  static Optional<LeaseHolder> holder(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_LINE) {
        return Optional.empty();
      }
      return HolderText.read(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
