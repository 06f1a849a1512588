package dev.baton.core.api;

import dev.baton.core.errors.Action;
import dev.baton.core.errors.Fix;
import dev.baton.core.events.RunEvent;
import dev.baton.core.exec.local.LeftProcesses;
import dev.baton.core.state.JournalEntry;
import dev.baton.core.state.JournalReader;
import dev.baton.core.state.ResumePoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Baton killed outright ({@code kill -9}) left running. Its steps run on by design, so that
 * resuming the run can take them as they end; a fresh run of the same workspace would otherwise run
 * beside them unawares (two trainings on one GPU), so it is told which run left which processes,
 * and how to stop them.
 */
final class LeftRuns {
  private LeftRuns() {}

  /**
   * The warning for run {@code runId} (whose lock a new run just broke), if its journal shows
   * attempts that started, never ended, and whose process still runs.
   */
  static Optional<RunEvent.Notice> warning(Path workspace, String runId) {
    Path dir = ReportDirs.runsRoot(workspace).resolve(runId);
    if (runId.isEmpty() || !Files.isRegularFile(dir.resolve("journal.jsonl"))) {
      return Optional.empty();
    }
    ResumePoint point;
    try {
      point = ResumePoint.of(JournalReader.read(dir));
    } catch (RuntimeException e) {
      return Optional.empty(); // a journal that cannot be read names nothing to stop
    }
    List<String> left = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (Map.Entry<String, ResumePoint.StepHistory> e : point.steps().entrySet()) {
      JournalEntry.AttemptStarted s = e.getValue().inFlight;
      if (s != null && LeftProcesses.alive(s.processGroup(), s.processStart())) {
        left.add(e.getKey() + " (process group " + s.processGroup() + ")");
        groups.add("-" + s.processGroup());
      }
      // A stage's commands run in groups of their own, journalled as they start.
      for (JournalEntry.AttemptProcess p : e.getValue().inFlightProcesses) {
        if (LeftProcesses.alive(p.processGroup(), p.processStart())) {
          left.add(e.getKey() + " (process group " + p.processGroup() + ")");
          groups.add("-" + p.processGroup());
        }
      }
    }
    if (left.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RunEvent.Notice(
            RunEvent.Level.WARNING,
            "run "
                + runId
                + " was killed and left "
                + (left.size() == 1 ? "a step" : left.size() + " steps")
                + " running, beside this run: "
                + String.join(", ", left),
            Fix.of(
                "stop " + (left.size() == 1 ? "it" : "them") + " with ",
                Action.resume(runId),
                " (which stops and runs them again) or 'kill -TERM -- "
                    + String.join(" ", groups)
                    + "'")));
  }
}
