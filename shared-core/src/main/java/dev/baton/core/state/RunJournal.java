package dev.baton.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.IoFailures;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  public static final RunJournal NONE = new RunJournal(null, null, UnaryOperator.identity(), 0);

  private final @Nullable Path path;
  private final @Nullable FileChannel channel;
  private final UnaryOperator<String> mask;
  // The journal's length after its last whole line: where a failed write is cut back to.
  private long size;

  private RunJournal(
      @Nullable Path path, @Nullable FileChannel channel, UnaryOperator<String> mask, long size) {
    this.path = path;
    this.channel = channel;
    this.mask = mask;
    this.size = size;
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
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, mode);
      return new RunJournal(file, channel, mask, channel.size());
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /** Appends one entry; throws {@link InfrastructureException} naming the file if it cannot. */
  public void write(JournalEntry entry) {
    write(List.of(entry));
  }

  /**
   * Appends {@code entries} in order with one {@code write} (a group commit: state changes made
   * together reach the operating system together, for one system call); throws {@link
   * InfrastructureException} naming the file if it cannot, and then none of them is in the journal.
   */
  public synchronized void write(List<JournalEntry> entries) {
    if (channel == null || entries.isEmpty()) {
      return;
    }
    ByteArrayOutputStream lines = new ByteArrayOutputStream(256 * entries.size());
    for (JournalEntry entry : entries) {
      lines.writeBytes(encodeBytes(entry, mask));
    }
    ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      size += buffer.limit();
    } catch (IOException e) {
      cutBack(size);
      throw failure(path, e);
    }
  }

  /** Lines half written (disk full) are cut off, so the journal stays whole up to its last line. */
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

  /** One line: the CRC-32 of the JSON in 8 hex digits, a space, the JSON, a newline. */
  private static byte[] encodeBytes(JournalEntry entry, UnaryOperator<String> mask) {
    String text;
    try {
      text = mask.apply(JournalLines.json(entry));
    } catch (IOException e) {
      throw new IllegalArgumentException("journal entry cannot be written as JSON: " + e, e);
    }
    byte[] json = text.getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[9 + json.length + 1];
    byte[] crc = checksum(json).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(crc, 0, line, 0, 8);
    line[8] = ' ';
    System.arraycopy(json, 0, line, 9, json.length);
    line[line.length - 1] = '\n';
    return line;
  }

  static String checksum(String json) {
    return checksum(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String checksum(byte[] json) {
    CRC32 crc = new CRC32();
    crc.update(json);
    String hex = Long.toHexString(crc.getValue());
    return "00000000".substring(hex.length()) + hex;
  }

  /**
   * Writes one entry of each kind to nowhere, so that the JSON library builds its serializers (the
   * first serialisation of each type costs tens of milliseconds at start-up) on the caller's
   * thread: a front end runs this on a spare thread while it reads its command line and the
   * descriptor. Touches no file.
   */
  public static void warmUp() {
    Instant t = Instant.EPOCH;
    List<JournalEntry> samples =
        List.of(
            new JournalEntry.RunBegan(1, "run", "pipeline", "digest", t),
            new JournalEntry.AttemptStarted("step", 1, "local", List.of(0), 1, t, "", t),
            new JournalEntry.AttemptEnded(
                "step",
                AttemptRecord.of(1, t, t, 0, StepState.SUCCEEDED, "local", List.of(), "")
                    .withLeaseWait(0)
                    .withOutputs(Map.of("o", "v"))),
            new JournalEntry.StepEnded("step", StepState.SUCCEEDED, "", t, t, Map.of("r", 1.5)));
    // A parser's first use initialises the library's number constants (BigDecimal's tables, a few
    // milliseconds); the descriptor's reader, on the caller's other thread, then finds them made.
    // First: that reader needs them soonest.
    try {
      JournalJson.MAPPER.readTree("0.5");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    for (JournalEntry e : samples) {
      encodeBytes(e, UnaryOperator.identity());
    }
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
