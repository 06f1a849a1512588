package dev.baton.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.history.HistoryRows.BenchmarkRow;
import dev.baton.core.history.HistoryRows.FileRow;
import dev.baton.core.history.HistoryRows.MetricRow;
import dev.baton.core.history.HistoryRows.RunRow;
import dev.baton.core.history.HistoryRows.StepRow;
import dev.baton.core.io.MillisInstantModule;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The history store over JDBC: plain {@code java.sql}, SQL that SQLite and PostgreSQL both accept,
 * one connection. The driver comes from the front end's class path (the command line and the Maven
 * plugin carry SQLite's and PostgreSQL's); the core names none.
 */
public final class JdbcHistoryStore implements HistoryStore {
  /** Made on first need only: most listings never need a general JSON parser. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final TypeReference<LinkedHashMap<String, String>> PARAMS = new TypeReference<>() {};
  }

  private final Connection db;
  private final String where;

  /**
   * Wraps an open connection and brings its schema up to date.
   *
   * @param where the store's URL with any password masked, for messages
   */
  public JdbcHistoryStore(Connection db, String where) {
    this.db = db;
    this.where = where;
    try {
      Migrations.apply(db, where);
    } catch (SQLException e) {
      close();
      throw failure("cannot prepare its tables", e);
    }
  }

  @Override
  public synchronized void add(RunRecord r) {
    try {
      db.setAutoCommit(false);
      try {
        for (String table : List.of("files", "benchmarks", "metrics", "steps", "runs")) {
          update("DELETE FROM " + table + " WHERE run_id = ?", r.runId());
        }
        RunInserts.run(db, r);
        RunInserts.rows(db, r);
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("cannot add run " + r.runId(), e);
    }
  }

  @Override
  public synchronized List<RunRow> runs(HistoryQuery q) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT run_id, pipeline, status, started_at, duration_ms, git_commit, git_branch,"
                + " git_dirty, params FROM runs WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.pipeline() != null) {
      sql.append(" AND pipeline = ?");
      args.add(q.pipeline());
    }
    if (q.step() != null) {
      sql.append(" AND run_id IN (SELECT run_id FROM steps WHERE step = ? OR step_id = ?)");
      args.add(q.step());
      args.add(q.step());
    }
    if (!q.statuses().isEmpty()) {
      sql.append(" AND status IN (")
          .append(String.join(", ", Collections.nCopies(q.statuses().size(), "?")))
          .append(")");
      args.addAll(q.statuses());
    }
    sql.append(" ORDER BY started_at DESC, run_id DESC");
    if (q.limit() > 0) {
      sql.append(" LIMIT ").append(q.limit());
    }
    try (PreparedStatement s = db.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setString(i + 1, (String) args.get(i));
      }
      List<RunRow> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          int dirty = rs.getInt(8);
          Boolean isDirty = rs.wasNull() ? null : dirty != 0;
          out.add(
              new RunRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  MillisInstantModule.parse(rs.getString(4)),
                  rs.getLong(5),
                  rs.getString(6),
                  rs.getString(7),
                  isDirty,
                  params(rs.getString(9))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("cannot list runs", e);
    }
  }

  @Override
  public synchronized Optional<RunRecord> record(String runId) {
    try (PreparedStatement s = db.prepareStatement("SELECT record FROM runs WHERE run_id = ?")) {
      s.setString(1, runId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(RunRecordJson.fromJson(rs.getString(1), "run " + runId + " in " + where))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("cannot read run " + runId, e);
    }
  }

  @Override
  public synchronized List<StepRow> steps(List<String> runIds) {
    return select(
        "SELECT run_id, step_id, step, status, duration_ms, queue_wait_ms FROM steps",
        runIds,
        rs ->
            new StepRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getLong(6)));
  }

  @Override
  public synchronized List<MetricRow> metrics(List<String> runIds) {
    return select(
        "SELECT run_id, step_id, metric, gate, value, passed FROM metrics",
        runIds,
        rs -> {
          double v = rs.getDouble(5);
          Double value = rs.wasNull() ? null : v;
          int p = rs.getInt(6);
          Boolean passed = rs.wasNull() ? null : p != 0;
          return new MetricRow(
              rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), value, passed);
        });
  }

  @Override
  public synchronized List<BenchmarkRow> benchmarks(List<String> runIds) {
    return select(
        "SELECT run_id, step_id, unit, median, low, high, verdict FROM benchmarks",
        runIds,
        rs ->
            new BenchmarkRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getDouble(4),
                rs.getDouble(5),
                rs.getDouble(6),
                rs.getString(7)));
  }

  @Override
  public synchronized List<FileRow> producers(String digest) {
    return files(
        "SELECT f.run_id, f.step_id, f.role, f.path, f.digest FROM files f JOIN runs r"
            + " ON r.run_id = f.run_id WHERE f.digest = ? AND f.role = 'output'"
            + " ORDER BY r.started_at DESC",
        List.of(digest));
  }

  @Override
  public synchronized List<FileRow> files(String runId, String stepId) {
    return files(
        "SELECT run_id, step_id, role, path, digest FROM files WHERE run_id = ? AND step_id = ?"
            + " ORDER BY role, path",
        List.of(runId, stepId));
  }

  private List<FileRow> files(String sql, List<String> args) {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        s.setString(i + 1, args.get(i));
      }
      List<FileRow> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new FileRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("cannot read the files of a run", e);
    }
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** The rows of the given runs, in chunks (a statement takes a bounded number of parameters). */
  private <T> List<T> select(String sql, List<String> runIds, RowReader<T> reader) {
    List<T> out = new ArrayList<>();
    for (int from = 0; from < runIds.size(); from += 500) {
      List<String> chunk = runIds.subList(from, Math.min(runIds.size(), from + 500));
      String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement s = db.prepareStatement(sql + " WHERE run_id IN (" + in + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          s.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(reader.read(rs));
          }
        }
      } catch (SQLException e) {
        throw failure("cannot read the history", e);
      }
    }
    return out;
  }

  private void update(String sql, String arg) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setString(1, arg);
      s.executeUpdate();
    }
  }

  @Override
  public ModelRegistry models() {
    return new ModelRegistry(db, where);
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // Nothing is pending: every change was committed when it was made.
    }
  }

  private InfrastructureException failure(String what, SQLException e) {
    return failure(where, what, e);
  }

  /** What a failed statement on the store at {@code where} tells the user, and what to check. */
  static InfrastructureException failure(String where, String what, SQLException e) {
    return new InfrastructureException(
        "the history store "
            + where
            + " "
            + what
            + ": "
            + e.getMessage()
            + "; check that the database is reachable and the account may write to it",
        e);
  }

  private static Map<String, String> params(@Nullable String json) {
    if (json == null) {
      return Map.of();
    }
    Optional<Map<String, String>> flat = StringMapJson.parse(json);
    if (flat.isPresent()) {
      return flat.get();
    }
    try {
      Map<String, String> m = Json.MAPPER.readValue(json, Json.PARAMS);
      return m == null ? Map.of() : m;
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
