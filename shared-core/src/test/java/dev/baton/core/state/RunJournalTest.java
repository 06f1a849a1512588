package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.UsageException;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.000Z");

  private void writeRun() {
    try (RunJournal j = RunJournal.create(dir, UnaryOperator.identity())) {
      j.write(new JournalEntry.RunBegan(1, "run-1", "chain", "digest", T0));
      j.write(new JournalEntry.AttemptStarted("a", 1, "local", List.of(0), 42, T0, "", T0));
      j.write(
          new JournalEntry.AttemptEnded(
              "a",
              AttemptRecord.of(
                  1, T0, T0.plusSeconds(1), 0, StepState.SUCCEEDED, "local", List.of(0), "")));
      j.write(
          new JournalEntry.StepEnded(
              "a", StepState.SUCCEEDED, "", T0, T0.plusSeconds(1), Map.of("accuracy", 0.9)));
      j.write(new JournalEntry.AttemptStarted("b", 1, "local", List.of(), 43, T0, "", T0));
    }
  }

  @Test
  void replayGivesEachStepItsAttemptsAndWhatIsStillInFlight() {
    writeRun();
    ResumePoint point = ResumePoint.of(JournalReader.read(dir));
    assertThat(point.began().runId()).isEqualTo("run-1");
    ResumePoint.StepHistory a = point.step("a").orElseThrow();
    assertThat(a.ended.status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(a.ended.results()).containsEntry("accuracy", 0.9);
    assertThat(a.attempts).extracting(AttemptRecord::exitCode).containsExactly(0);
    assertThat(a.inFlight).isNull();
    ResumePoint.StepHistory b = point.step("b").orElseThrow();
    assertThat(b.inFlight.processGroup()).isEqualTo(43);
    assertThat(b.lastAttempt()).isEqualTo(1);
  }

  @Test
  void entriesWrittenTogetherAreReadBackInTheirOrder() {
    try (RunJournal j = RunJournal.create(dir, UnaryOperator.identity())) {
      j.write(new JournalEntry.RunBegan(1, "run-1", "chain", "digest", T0));
      j.write(
          List.of(
              new JournalEntry.AttemptEnded(
                  "a",
                  AttemptRecord.of(
                      1, T0, T0.plusSeconds(1), 0, StepState.SUCCEEDED, "local", List.of(), "")),
              new JournalEntry.StepEnded(
                  "a", StepState.SUCCEEDED, "", T0, T0.plusSeconds(1), Map.of())));
      j.write(List.of());
    }
    assertThat(JournalReader.read(dir))
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("RunBegan", "AttemptEnded", "StepEnded");
  }

  @Test
  void aChecksumKeepsItsLeadingZeros() {
    // CRC-32 0x001b95fc: eight hex digits, as the reader compares them.
    assertThat(RunJournal.checksum("{\"n\":90}")).isEqualTo("001b95fc");
  }

  @Test
  void aLineCutShortIsRefusedNamingItsLine() throws Exception {
    writeRun();
    Path file = dir.resolve(RunJournal.FILE_NAME);
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() - 5));
    assertThatThrownBy(() -> JournalReader.read(dir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("journal.jsonl:5")
        .hasMessageContaining("cut short (truncated)");
  }

  @Test
  void anEditedLineFailsItsChecksum() throws Exception {
    writeRun();
    Path file = dir.resolve(RunJournal.FILE_NAME);
    Files.writeString(file, Files.readString(file).replace("\"exitCode\":0", "\"exitCode\":1"));
    assertThatThrownBy(() -> JournalReader.read(dir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("journal.jsonl:3")
        .hasMessageContaining("checksum does not match");
  }

  @Test
  void missingAndEmptyJournalsAreRefused() throws Exception {
    assertThatThrownBy(() -> JournalReader.read(dir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("does not exist");
    Files.writeString(dir.resolve(RunJournal.FILE_NAME), "");
    assertThatThrownBy(() -> JournalReader.read(dir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("it is empty");
  }

  @Test
  void aJournalThatDoesNotBeginWithItsRunIsRefused() throws Exception {
    try (RunJournal j = RunJournal.create(dir, UnaryOperator.identity())) {
      j.write(new JournalEntry.RunResumed(T0));
    }
    assertThatThrownBy(() -> JournalReader.read(dir))
        .hasMessageContaining("does not start with the run's first entry");
  }

  @Test
  void secretsAreMaskedBeforeTheLineIsWrittenAndTheChecksumStillHolds() throws Exception {
    try (RunJournal j = RunJournal.create(dir, s -> s.replace("hunter2", "****"))) {
      j.write(new JournalEntry.RunBegan(1, "run-1", "chain", "digest", T0));
      j.write(
          new JournalEntry.StepEnded(
              "a", StepState.FAILED, "token hunter2 rejected", T0, T0, Map.of()));
    }
    assertThat(Files.readString(dir.resolve(RunJournal.FILE_NAME)))
        .doesNotContain("hunter2")
        .contains("token **** rejected");
    assertThat(ResumePoint.of(JournalReader.read(dir)).step("a").orElseThrow().ended.message())
        .isEqualTo("token **** rejected");
  }
}
