package dev.baton.core.history;

import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Adds finished runs to the history store: after each run, and from archived run directories. */
public final class RunHistory {
  private RunHistory() {}

  /**
   * Adds a run that has just ended. A store that cannot be reached never fails the run: the
   * returned warning says so once, and the run's directory can be imported later.
   *
   * @return the warning to show; empty when the run was added or no history is kept
   */
  public static Optional<String> addFinished(
      RunRecord record, Path reportDir, Path workspace, Map<String, String> env) {
    if (HistoryStores.off(env) || record.runId().isEmpty()) {
      return Optional.empty();
    }
    try (HistoryStore store = HistoryStores.open(workspace, env)) {
      store.add(record);
      ModelVersions.record(store.models(), record, workspace);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          "run "
              + record.runId()
              + " was not added to the run history: "
              + e.getMessage()
              + " (its reports are in "
              + reportDir
              + "; import that directory into the history once the store is back)");
    }
  }

  /** What an import did: the runs added (or replaced, by id) and the directories without a run. */
  public record Imported(List<String> runIds, List<Path> withoutRun) {}

  /**
   * Adds the runs in {@code dirs}: each a run's report directory (holding {@code run.json}) or a
   * directory of them ({@code .baton/runs}). Importing a run again replaces it: nothing doubles.
   */
  public static Imported importDirs(HistoryStore store, List<Path> dirs) {
    List<String> added = new ArrayList<>();
    List<Path> without = new ArrayList<>();
    for (Path dir : dirs) {
      List<Path> runs = runDirs(dir);
      if (runs.isEmpty()) {
        without.add(dir);
      }
      for (Path run : runs) {
        RunRecord r = RunRecordJson.read(run);
        store.add(r);
        added.add(r.runId());
      }
    }
    return new Imported(added, without);
  }

  private static List<Path> runDirs(Path dir) {
    if (Files.isRegularFile(dir) || Files.isRegularFile(dir.resolve(RunRecordJson.FILE_NAME))) {
      return List.of(dir);
    }
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(c -> !Files.isSymbolicLink(c)) // .baton/runs/latest points at one of them
          .filter(c -> Files.isRegularFile(c.resolve(RunRecordJson.FILE_NAME)))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
