package dev.baton.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The run journal: {@code journal.jsonl} in the run's report directory, one {@link JournalEntry}
 * per line, appended as each state change happens and handed to the operating system at once (one
 * {@code write} per line), so it survives a Baton that is killed. Each line starts with the CRC-32
 * of its JSON, so a damaged journal is detected rather than misread.
 */
public final class RunJournal implements AutoCloseable {
  /** The journal's file name inside a report directory. */
  public static final String FILE_NAME = "journal.jsonl";

  /** A journal that records nothing, for runs that cannot be resumed (a single Jenkins step). */
  public static final RunJournal NONE = new RunJournal(null, null, UnaryOperator.identity());

  private final @Nullable Path path;
  private final @Nullable FileChannel channel;
  private final UnaryOperator<String> mask;

  private RunJournal(
      @Nullable Path path, @Nullable FileChannel channel, UnaryOperator<String> mask) {
    this.path = path;
    this.channel = channel;
    this.mask = mask;
  }

  /** Starts a new journal in {@code reportDir}, replacing one a reused directory still has. */
  public static RunJournal create(Path reportDir, UnaryOperator<String> mask) {
    Path file = reportDir.resolve(FILE_NAME);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw failure(file, e);
    }
    return open(file, StandardOpenOption.CREATE_NEW, mask);
  }

  /**
   * Opens the journal of a run being resumed, to append to it. {@code mask} hides secrets in each
   * line before it is written.
   */
  public static RunJournal append(Path reportDir, UnaryOperator<String> mask) {
    return open(reportDir.resolve(FILE_NAME), StandardOpenOption.APPEND, mask);
  }

  private static RunJournal open(Path file, StandardOpenOption mode, UnaryOperator<String> mask) {
    try {
      return new RunJournal(
          file,
          FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, mode),
          mask);
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /** Appends one entry; throws {@link InfrastructureException} naming the file if it cannot. */
  public synchronized void write(JournalEntry entry) {
    if (channel == null) {
      return;
    }
    long before = -1;
    try {
      before = channel.size();
      ByteBuffer line = ByteBuffer.wrap(encode(entry, mask).getBytes(StandardCharsets.UTF_8));
      while (line.hasRemaining()) {
        channel.write(line);
      }
    } catch (IOException e) {
      cutBack(before);
      throw failure(path, e);
    }
  }

  /** A line half written (disk full) is cut off, so the journal stays whole up to its last line. */
  private void cutBack(long size) {
    FileChannel channel = this.channel;
    if (size < 0 || channel == null) {
      return;
    }
    try {
      channel.truncate(size);
    } catch (IOException e) {
      // The reader refuses a cut-short line with a clear error; nothing more to do here.
    }
  }

  static String encode(JournalEntry entry, UnaryOperator<String> mask) {
    try {
      String json = mask.apply(JournalJson.MAPPER.writeValueAsString(entry));
      return checksum(json) + " " + json + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("journal entry cannot be written as JSON: " + e, e);
    }
  }

  static String checksum(String json) {
    CRC32 crc = new CRC32();
    crc.update(json.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  private static InfrastructureException failure(@Nullable Path file, IOException e) {
    return IoFailures.writeFailure("cannot write the run journal " + file, e);
  }

  @Override
  public synchronized void close() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to save
    }
  }
}
