package dev.baton.core.api;

import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.Expansions;
import dev.baton.core.plan.NeedCells;
import dev.baton.core.plan.NeedValues;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.DynamicCell;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run records of needs that ran elsewhere (each step of a Jenkins build runs in its own Baton),
 * read as {@code needs.*}: what a step that reads its needs' outputs, or a dynamic step's
 * expansion, sees when it runs on its own.
 */
final class NeedsRecords {
  private final Map<String, StepRecord> byId = new LinkedHashMap<>();
  private final List<Path> sources;

  private NeedsRecords(List<Path> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Each path a report directory holding run.json, or a run.json; later ones win for an id. */
  static NeedsRecords read(List<Path> paths) {
    NeedsRecords records = new NeedsRecords(paths);
    for (Path p : paths) {
      Path file = Files.isDirectory(p) ? p.resolve(RunRecordJson.FILE_NAME) : p;
      if (!Files.isRegularFile(file)) {
        throw new UsageException(
            "no run record at " + file + "; give the report directory of each needed step");
      }
      RunRecord r = RunRecordJson.read(file);
      for (StepRecord s : r.steps()) {
        records.byId.put(s.id(), s);
      }
    }
    return records;
  }

  /**
   * {@code needs.*} for {@code step} of {@code plan}: each need's record, and for a dynamic need
   * the records of its cells (in cell order) that the step needs.
   */
  Map<String, Object> needsOf(Plan plan, PlannedStep step) {
    List<NeedValues.Ended> ended = new ArrayList<>();
    for (String id : step.needs()) {
      PlannedStep need = plan.step(id);
      if (need != null && Expansions.isPending(need)) {
        ended.addAll(cellsOf(step, need));
        continue;
      }
      StepRecord r = byId.get(id);
      if (r == null) {
        throw missing(step, id);
      }
      ended.add(of(r));
    }
    return NeedValues.of(ended);
  }

  /**
   * The results of the steps {@code step} needs, directly or not, that have a record here (a
   * dynamic step's: its cells', or its own when it made none), as its status functions read them: a
   * failure allowed by {@code continueOnError} counts as a success, as in a local run.
   */
  List<String> resultsAbove(Plan plan, PlannedStep step) {
    List<String> results = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(step.needs());
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (!seen.add(id)) {
        continue;
      }
      PlannedStep need = plan.step(id);
      List<StepRecord> ended = new ArrayList<>();
      if (need != null && Expansions.isPending(need)) {
        byId.values().stream()
            .filter(r -> r.step().equals(need.stepName()) && index(r) >= 0)
            .forEach(ended::add);
      }
      if (ended.isEmpty() && byId.containsKey(id)) {
        ended.add(byId.get(id));
      }
      for (StepRecord r : ended) {
        String result = NeedValues.result(r.status());
        results.add(r.allowedToFail() && "failure".equals(result) ? "success" : result);
      }
      if (need != null) {
        todo.addAll(need.needs());
      }
    }
    return results;
  }

  private List<NeedValues.Ended> cellsOf(PlannedStep step, PlannedStep need) {
    List<StepRecord> cells =
        byId.values().stream()
            .filter(r -> r.step().equals(need.stepName()) && index(r) >= 0)
            .sorted(Comparator.comparingInt(NeedsRecords::index))
            .toList();
    if (cells.isEmpty()) {
      StepRecord itself = byId.get(need.id());
      if (itself == null) {
        throw missing(step, need.id());
      }
      return List.of(of(itself)); // its expansion failed or made no cells
    }
    Map<String, Map<String, String>> byId = new LinkedHashMap<>();
    cells.forEach(c -> byId.put(c.id(), c.matrix()));
    List<String> wanted = NeedCells.of(step.spec(), need.stepName(), byId);
    List<NeedValues.Ended> out = new ArrayList<>();
    for (StepRecord c : cells) {
      if (wanted.contains(c.id())) {
        out.add(of(c));
      }
    }
    return out;
  }

  /** A dynamic cell's place in cell order; -1 for any other record. */
  private static int index(StepRecord r) {
    DynamicCell d = r.dynamic();
    return d == null ? -1 : d.index();
  }

  private static NeedValues.Ended of(StepRecord r) {
    return new NeedValues.Ended(r.step(), r.matrix(), NeedValues.result(r.status()), r.outputs());
  }

  private UsageException missing(PlannedStep step, String need) {
    return new UsageException(
        "step "
            + step.id()
            + " needs "
            + need
            + ", but none of the run records given ("
            + sources
            + ") has it; give the report directory of every step it needs");
  }
}
