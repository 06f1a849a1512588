package dev.baton.core.engine;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.os.ProcessStarts;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import dev.baton.core.state.JournalEntry;
import dev.baton.core.state.RunJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine's side of the run journal: turns its state changes into entries, and on the first
 * write that fails stops the run (it could no longer be resumed) and keeps the error for the end.
 *
 * <p>Entries are held while the engine thread handles what became due together (an attempt's end
 * and its step's end; several steps ending at once) and {@linkplain #flush written} with one system
 * call before the engine waits again and before it starts a process: so a step's dependents never
 * start while its end is not yet in the journal, and a Baton killed while waiting or while a step
 * runs has journalled everything it did. Engine thread only.
 */
final class EngineJournal {
  private final RunJournal journal;
  private final Runnable stopRun;
  private final List<JournalEntry> pending = new ArrayList<>();
  private @Nullable InfrastructureException failure;

  EngineJournal(RunJournal journal, Runnable stopRun) {
    this.journal = journal;
    this.stopRun = stopRun;
  }

  /** An attempt's process exists: its group and the leader's start time identify it on resume. */
  void attemptStarted(
      String step,
      int attempt,
      String agent,
      List<Integer> gpus,
      Long group,
      String jobId,
      Instant at) {
    write(
        new JournalEntry.AttemptStarted(
            step,
            attempt,
            agent,
            gpus,
            group == null ? -1 : group,
            group == null ? null : startOf(group),
            jobId,
            at));
  }

  /** A started attempt runs one more process group or job (a stage's next command). */
  void attemptProcess(String step, int attempt, long group, String jobId) {
    write(
        new JournalEntry.AttemptProcess(
            step, attempt, group, group > 0 ? startOf(group) : null, jobId, Instant.now()));
  }

  void attemptEnded(String step, AttemptRecord record) {
    write(new JournalEntry.AttemptEnded(step, record));
  }

  void stepEnded(StepRun r, StepState state, String message) {
    write(new JournalEntry.StepEnded(r.id(), state, message, r.firstStart, r.end, r.results));
  }

  /** A dynamic step made its cells: written before any of them starts. */
  void cellsExpanded(String step, Map<String, List<String>> values, List<String> cells) {
    write(new JournalEntry.CellsExpanded(step, values, cells));
  }

  Optional<InfrastructureException> failure() {
    return Optional.ofNullable(failure);
  }

  /** Writes the entries held so far, in one system call. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    if (failure != null) {
      pending.clear();
      return;
    }
    try {
      journal.write(pending);
    } catch (InfrastructureException e) {
      failure = e;
      stopRun.run();
    } finally {
      pending.clear();
    }
  }

  private void write(JournalEntry entry) {
    if (failure == null) {
      pending.add(entry);
    }
  }

  private static @Nullable Instant startOf(long pid) {
    return ProcessStarts.of(pid);
  }
}
