package dev.baton.core.io;

import dev.baton.core.errors.InfrastructureException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes files so that readers see either the old content or the complete new content, never half a
 * file: write a temporary file beside the target, force it to disk, then rename it over the target
 * in one step.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code text} as UTF-8; see {@link #write(Path, byte[])}. */
  public static void write(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces {@code target} with {@code content} atomically. The parent directory must exist.
   *
   * @throws InfrastructureException naming the path and the reason when the file cannot be written;
   *     no temporary file is left behind
   */
  public static void write(Path target, byte[] content) {
    replace(
        target,
        temp -> {
          try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
              channel.write(buffer);
            }
            channel.force(true);
          }
        });
  }

  /** Writes a file's content to a stream; the caller closes nothing. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Replaces {@code target} atomically with what {@code content} writes, streamed through a buffer
   * (a run record of 100,000 steps is never one string in memory). Same guarantees as {@link
   * #write(Path, byte[])}.
   */
  public static void write(Path target, Content content) {
    replace(
        target,
        temp -> {
          try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            content.writeTo(out);
            out.flush();
            channel.force(true);
          }
        });
  }

  /**
   * Replaces {@code target} with a copy of {@code source} atomically (a step log copied into a
   * merged run): a copy cut short by a full disk never takes the target's name.
   *
   * @throws InfrastructureException naming the target and the reason when the copy fails
   */
  public static void copy(Path source, Path target) {
    replace(
        target,
        temp -> {
          Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
          try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
        });
  }

  /** How the temporary file gets its content. */
  private interface Filler {
    void fill(Path temp) throws IOException;
  }

  private static void replace(Path target, Filler filler) {
    Path absolute = target.toAbsolutePath().normalize();
    // A normalized absolute path that names a file has a parent.
    Path directory = Objects.requireNonNull(absolute.getParent(), absolute.toString());
    Path temp = null;
    try {
      // Same directory as the target: a rename is only atomic within one file system.
      temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
      filler.fill(temp);
      moveIntoPlace(temp, absolute);
      temp = null;
      syncDirectory(directory);
    } catch (IOException e) {
      throw IoFailures.writeFailure("cannot write " + absolute, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems (network mounts, Windows with the target open) refuse an atomic rename;
      // a plain replace is still far better than writing the target in place.
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename itself durable; not every platform can open a directory, so best effort. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // The file content is already safe; only the directory entry's durability is at stake.
    }
  }

  private static void deleteQuietly(@Nullable Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Nothing more can be done; the original failure is what the user needs to see.
    }
  }
}
