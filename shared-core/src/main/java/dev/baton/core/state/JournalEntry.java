package dev.baton.core.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One line of the run journal: a state change, in the order it happened. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = JournalEntry.RunBegan.class, name = "run"),
  @JsonSubTypes.Type(value = JournalEntry.AttemptStarted.class, name = "attempt-started"),
  @JsonSubTypes.Type(value = JournalEntry.AttemptProcess.class, name = "attempt-process"),
  @JsonSubTypes.Type(value = JournalEntry.AttemptEnded.class, name = "attempt-ended"),
  @JsonSubTypes.Type(value = JournalEntry.StepEnded.class, name = "step-ended"),
  @JsonSubTypes.Type(value = JournalEntry.RunResumed.class, name = "resumed"),
  @JsonSubTypes.Type(value = JournalEntry.CellsExpanded.class, name = "cells-expanded")
})
public sealed interface JournalEntry {

  /**
   * The first line: which run, and a digest of its plan (step ids, commands, needs) that a resume
   * must match.
   */
  record RunBegan(int format, String runId, String pipeline, String planDigest, Instant at)
      implements JournalEntry {}

  /**
   * An attempt began. {@code processGroup} and {@code processStart} identify the process group it
   * runs in ({@code -1} and null where the engine has none), so a resumed run can tell it from a
   * later process that got the same pid; {@code jobId} is the engine's id (a Slurm job) where it
   * has one.
   */
  record AttemptStarted(
      String step,
      int attempt,
      String agent,
      List<Integer> gpus,
      long processGroup,
      @Nullable Instant processStart,
      String jobId,
      Instant at)
      implements JournalEntry {}

  /**
   * A started attempt runs one more process group or job (a validate, benchmark or deploy step's
   * next command, each in its own): a resumed run stops every one of an unfinished attempt that
   * still runs, not only the one {@link AttemptStarted} names. Fields as there. Journals written
   * before this entry existed have none, and resume as they did.
   */
  record AttemptProcess(
      String step,
      int attempt,
      long processGroup,
      @Nullable Instant processStart,
      String jobId,
      Instant at)
      implements JournalEntry {}

  /** An attempt ended, as recorded in run.json. */
  record AttemptEnded(String step, AttemptRecord record) implements JournalEntry {}

  /** A step reached its final state. */
  record StepEnded(
      String step,
      StepState status,
      String message,
      @Nullable Instant firstStart,
      @Nullable Instant end,
      Map<String, Object> results)
      implements JournalEntry {}

  /**
   * A dynamic step's axes got their values from its needs, making {@code cells} (ids, in cell
   * order). A resumed run makes the same cells from these values instead of reading the needs
   * again.
   */
  record CellsExpanded(String step, Map<String, List<String>> values, List<String> cells)
      implements JournalEntry {}

  /** A Baton resumed the run from here. */
  record RunResumed(Instant at) implements JournalEntry {}
}
