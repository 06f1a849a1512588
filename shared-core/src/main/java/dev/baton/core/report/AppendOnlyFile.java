package dev.baton.core.report;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends whole lines to a file that only grows (a journal, {@code $GITHUB_STEP_SUMMARY}): each
 * append is forced to disk before it returns, and an append that fails part way (a full disk) is
 * cut back off, so the file never ends in half a line. One writer at a time: callers that append
 * from several threads hold a lock around each call, or a failed append could cut off another's.
 */
public final class AppendOnlyFile {
  private AppendOnlyFile() {}

  /** Appends {@code line} and a newline; see {@link #append(Path, String)}. */
  public static void appendLine(Path file, String line) {
    append(file, line + "\n");
  }

  /**
   * Appends {@code text} as UTF-8, creating the file when missing, and forces it to disk.
   *
   * @throws InfrastructureException naming the path and the reason when the text cannot be
   *     appended; the file is then as it was before
   */
  public static void append(Path file, String text) {
    Path absolute = file.toAbsolutePath().normalize();
    try (FileChannel channel =
        FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      long before = channel.size();
      try {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      } catch (IOException e) {
        cutBack(channel, before);
        throw e;
      }
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot append to " + absolute + ": " + IoFailures.reason(e) + "; " + hint(e), e);
    }
  }

  private static void cutBack(FileChannel channel, long size) {
    try {
      channel.truncate(size);
      channel.force(false);
    } catch (IOException e) {
      // Truncating frees space, so it rarely fails; if it does the original error still stands.
    }
  }

  private static String hint(IOException e) {
    String reason = IoFailures.reason(e).toLowerCase(Locale.ROOT);
    if (reason.contains("space") || reason.contains("too large")) {
      return "free space on that disk";
    }
    return "check that the file's directory exists and is writable";
  }
}
