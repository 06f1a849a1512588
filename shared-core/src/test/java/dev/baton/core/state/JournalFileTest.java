package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.errors.UsageException;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.testing.SpecialFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal or run record a user points at is read bounded: a FIFO there is refused at once. */
class JournalFileTest {
  @TempDir Path reportDir;

  @Test
  void aJournalThatIsAFifoIsRefusedNotWaitedFor() throws Exception {
    Path fifo = SpecialFiles.fifo(reportDir.resolve(RunJournal.FILE_NAME));
    UsageException e =
        catchThrowableOfType(() -> JournalReader.read(reportDir), UsageException.class);
    assertThat(e.getMessage())
        .startsWith("cannot resume: " + fifo + " is a FIFO (named pipe), not a regular file");
  }

  @Test
  void aRunRecordThatIsAFifoIsRefusedNotWaitedFor() throws Exception {
    Path fifo = SpecialFiles.fifo(reportDir.resolve(RunRecordJson.FILE_NAME));
    UsageException e =
        catchThrowableOfType(() -> RunRecordJson.read(reportDir), UsageException.class);
    assertThat(e.getMessage()).startsWith(fifo + " is a FIFO (named pipe), not a regular file");
  }
}
