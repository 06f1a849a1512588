package dev.baton.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.core.errors.Fix;
import dev.baton.core.errors.Setting;
import dev.baton.core.errors.UsageException;
import dev.baton.core.io.FileRefusedException;
import dev.baton.core.io.UserFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run journal back, refusing anything it cannot vouch for: a missing or empty journal, a
 * line whose checksum does not match, a line cut short. A resume never guesses.
 */
public final class JournalReader {
  /** Room for runs of many thousand steps and attempts; larger, it is not a journal Baton wrote. */
  static final long MAX_BYTES = 512 * UserFiles.MiB;

  private JournalReader() {}

  /**
   * Every entry of the journal in {@code reportDir}, first line a {@link JournalEntry.RunBegan}.
   */
  public static List<JournalEntry> read(Path reportDir) {
    Path file = reportDir.resolve(RunJournal.FILE_NAME);
    String text;
    try {
      byte[] bytes = UserFiles.readBytes(file, "run journal", MAX_BYTES);
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "cannot resume: " + file + " does not exist, so there is no record of what ran",
          Fix.of("start the pipeline without ", Setting.RESUME));
    } catch (FileRefusedException e) {
      throw new UsageException("cannot resume: " + e.getMessage());
    } catch (CharacterCodingException e) {
      throw corrupt(file, 0, "it is not UTF-8 text");
    } catch (IOException e) {
      throw new UsageException("cannot resume: cannot read " + file + ": " + e.getMessage());
    }
    if (text.isEmpty()) {
      throw corrupt(file, 1, "it is empty");
    }
    if (!text.endsWith("\n")) {
      throw corrupt(file, text.split("\n", -1).length, "the last line is cut short (truncated)");
    }
    List<JournalEntry> entries = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      entries.add(parse(file, i + 1, lines.get(i)));
    }
    if (!(entries.get(0) instanceof JournalEntry.RunBegan)) {
      throw corrupt(file, 1, "it does not start with the run's first entry");
    }
    return entries;
  }

  private static JournalEntry parse(Path file, int lineNumber, String line) {
    int space = line.indexOf(' ');
    if (space != 8) {
      throw corrupt(file, lineNumber, "the line has no checksum");
    }
    String json = line.substring(space + 1);
    if (!RunJournal.checksum(json).equals(line.substring(0, space))) {
      throw corrupt(file, lineNumber, "its checksum does not match its content");
    }
    try {
      JournalEntry entry = JournalJson.MAPPER.readValue(json, JournalEntry.class);
      if (entry == null) {
        throw corrupt(file, lineNumber, "the line is empty");
      }
      return entry;
    } catch (JsonProcessingException e) {
      throw corrupt(file, lineNumber, "it is not a journal entry Baton can read");
    }
  }

  private static UsageException corrupt(Path file, int line, String why) {
    return new UsageException(
        "cannot resume: the run journal "
            + file
            + (line > 0 ? ":" + line : "")
            + " is damaged ("
            + why
            + "); nothing was run",
        Fix.of("start the pipeline afresh without ", Setting.RESUME, ", or restore the file"));
  }
}
