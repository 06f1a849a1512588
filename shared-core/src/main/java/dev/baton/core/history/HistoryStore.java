package dev.baton.core.history;

import dev.baton.core.history.HistoryRows.BenchmarkRow;
import dev.baton.core.history.HistoryRows.FileRow;
import dev.baton.core.history.HistoryRows.MetricRow;
import dev.baton.core.history.HistoryRows.RunRow;
import dev.baton.core.history.HistoryRows.StepRow;
import dev.baton.core.record.RunRecord;
import java.util.List;
import java.util.Optional;

/**
 * Every run record of a workspace or a team, queryable: the runs, their steps, gate metrics,
 * benchmarks and the files they read and wrote. {@link JdbcHistoryStore} keeps it in SQLite or
 * PostgreSQL. Each method may throw {@link dev.baton.core.errors.InfrastructureException} when the
 * store cannot be reached.
 */
public interface HistoryStore extends AutoCloseable {
  /** Adds a run, or replaces the run of the same id (adding one twice changes nothing). */
  void add(RunRecord record);

  /** Runs selected by {@code query}, newest first. */
  List<RunRow> runs(HistoryQuery query);

  /** The whole record of one run. */
  Optional<RunRecord> record(String runId);

  List<StepRow> steps(List<String> runIds);

  List<MetricRow> metrics(List<String> runIds);

  List<BenchmarkRow> benchmarks(List<String> runIds);

  /**
   * The outputs, in any run, whose content has {@code digest} ({@code sha256:<hex>}), newest first.
   */
  List<FileRow> producers(String digest);

  /** The files one step read and wrote. */
  List<FileRow> files(String runId, String stepId);

  /** The versions of named artifacts and their aliases, in the same store. */
  ModelRegistry models();

  @Override
  void close();
}
