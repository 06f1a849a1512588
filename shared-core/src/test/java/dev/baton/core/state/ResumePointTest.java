package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying a journal: which attempt was in flight, and every process group it started. */
class ResumePointTest {
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
  private static final JournalEntry.RunBegan BEGAN =
      new JournalEntry.RunBegan(1, "run-1", "pipe", "digest", T0);

  private static JournalEntry.AttemptStarted started(String step, int attempt, long group) {
    return new JournalEntry.AttemptStarted(step, attempt, "local", List.of(), group, T0, "", T0);
  }

  private static JournalEntry.AttemptProcess process(String step, int attempt, long group) {
    return new JournalEntry.AttemptProcess(step, attempt, group, T0, "", T0);
  }

  private static JournalEntry.AttemptEnded ended(String step, int attempt) {
    return new JournalEntry.AttemptEnded(
        step, AttemptRecord.of(attempt, T0, T0, 1, StepState.FAILED, "local", List.of(), "exit 1"));
  }

  @Test
  void anUnfinishedStageAttemptKeepsEveryProcessGroupItsCommandsRanIn() {
    ResumePoint point =
        ResumePoint.of(
            List.of(
                BEGAN,
                started("bench", 1, -1),
                process("bench", 1, 101),
                process("bench", 1, 102)));

    ResumePoint.StepHistory h = point.step("bench").orElseThrow();
    assertThat(h.inFlight).isNotNull();
    assertThat(h.inFlightProcesses)
        .extracting(JournalEntry.AttemptProcess::processGroup)
        .containsExactly(101L, 102L);
  }

  @Test
  void theGroupsOfAnAttemptThatEndedAreNotTakenForTheNextOnes() {
    ResumePoint point =
        ResumePoint.of(
            List.of(
                BEGAN,
                started("bench", 1, -1),
                process("bench", 1, 101),
                ended("bench", 1),
                process("bench", 1, 102), // reported late: the attempt had ended
                started("bench", 2, -1),
                process("bench", 2, 201)));

    ResumePoint.StepHistory h = point.step("bench").orElseThrow();
    assertThat(h.inFlight).isNotNull();
    assertThat(h.inFlight.attempt()).isEqualTo(2);
    assertThat(h.inFlightProcesses)
        .extracting(JournalEntry.AttemptProcess::processGroup)
        .containsExactly(201L);
  }

  @Test
  void aJournalWrittenBeforeStageCommandsWereJournalledStillResumesItsAttempt() throws Exception {
    // The lines a Baton that did not journal stage commands wrote, as they are on disk.
    List<String> old =
        List.of(
            "{\"type\":\"run\",\"format\":1,\"runId\":\"run-1\",\"pipeline\":\"p\","
                + "\"planDigest\":\"d\",\"at\":\"2026-12-07T05:00:00Z\"}",
            "{\"type\":\"attempt-started\",\"step\":\"train\",\"attempt\":1,\"agent\":\"local\","
                + "\"gpus\":[],\"processGroup\":4242,\"processStart\":\"2026-12-07T05:00:00Z\","
                + "\"jobId\":\"\",\"at\":\"2026-12-07T05:00:00Z\"}");
    List<JournalEntry> entries = new ArrayList<>();
    for (String line : old) {
      entries.add(JournalJson.MAPPER.readValue(line, JournalEntry.class));
    }

    ResumePoint.StepHistory h = ResumePoint.of(entries).step("train").orElseThrow();
    assertThat(h.inFlight).isNotNull();
    assertThat(h.inFlight.processGroup()).isEqualTo(4242);
    assertThat(h.inFlightProcesses).isEmpty();
  }
}
