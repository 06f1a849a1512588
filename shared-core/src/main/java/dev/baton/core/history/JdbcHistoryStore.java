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
import dev.baton.core.record.SourceRecord;
import dev.baton.core.record.StepRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> PARAMS =
      new TypeReference<>() {};

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
        insertRun(r);
        insertRows(r);
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

  private void insertRun(RunRecord r) throws SQLException {
    SourceRecord src = r.source();
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO runs (run_id, pipeline, status, started_at, ended_at, duration_ms,"
                + " git_commit, git_branch, git_remote, git_dirty, descriptor_digest, params,"
                + " record, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, r.runId());
      s.setString(2, r.pipeline());
      s.setString(3, r.status().name());
      s.setString(4, MillisInstantModule.format(r.startedAt()));
      s.setString(5, r.endedAt() == null ? null : MillisInstantModule.format(r.endedAt()));
      s.setLong(6, r.durationMillis());
      s.setString(7, src == null ? null : src.commit());
      s.setString(8, src == null ? null : src.branch());
      s.setString(9, src == null ? null : src.remote());
      if (src == null) {
        s.setNull(10, Types.SMALLINT);
      } else {
        s.setInt(10, src.dirty() ? 1 : 0);
      }
      s.setString(11, r.descriptorDigest());
      s.setString(12, json(r.params()));
      s.setString(13, RunRecordJson.toJson(r));
      s.setString(14, MillisInstantModule.format(Instant.now()));
      s.executeUpdate();
    }
  }

  private void insertRows(RunRecord r) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO steps (run_id, step_id, step, kind, status, started_at, duration_ms,"
                + " queue_wait_ms, image) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      List<StepRow> rows = RecordRows.steps(r);
      for (int i = 0; i < rows.size(); i++) {
        StepRow row = rows.get(i);
        StepRecord step = r.steps().get(i);
        s.setString(1, row.runId());
        s.setString(2, row.stepId());
        s.setString(3, row.step());
        s.setString(4, step.kind());
        s.setString(5, row.status());
        s.setString(
            6, step.startedAt() == null ? null : MillisInstantModule.format(step.startedAt()));
        s.setLong(7, row.durationMillis());
        s.setLong(8, row.queueWaitMillis());
        s.setString(9, step.lineage() == null ? null : step.lineage().image());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO metrics (run_id, step_id, position, metric, gate, value, passed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (MetricRow m : RecordRows.metrics(r)) {
        s.setString(1, m.runId());
        s.setString(2, m.stepId());
        s.setInt(3, position++);
        s.setString(4, m.metric());
        s.setString(5, m.gate());
        if (m.value() == null || m.value().isNaN() || m.value().isInfinite()) {
          s.setNull(6, Types.DOUBLE);
        } else {
          s.setDouble(6, m.value());
        }
        if (m.passed() == null) {
          s.setNull(7, Types.SMALLINT);
        } else {
          s.setInt(7, m.passed() ? 1 : 0);
        }
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO benchmarks (run_id, step_id, unit, median, low, high, verdict)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (BenchmarkRow b : RecordRows.benchmarks(r)) {
        s.setString(1, b.runId());
        s.setString(2, b.stepId());
        s.setString(3, b.unit());
        s.setDouble(4, b.median());
        s.setDouble(5, b.low());
        s.setDouble(6, b.high());
        s.setString(7, b.verdict());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO files (run_id, step_id, role, path, digest) VALUES (?, ?, ?, ?, ?)")) {
      for (FileRow f : RecordRows.files(r)) {
        s.setString(1, f.runId());
        s.setString(2, f.stepId());
        s.setString(3, f.role());
        s.setString(4, f.path());
        s.setString(5, f.digest());
        s.addBatch();
      }
      s.executeBatch();
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
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // Nothing is pending: every change was committed when it was made.
    }
  }

  private InfrastructureException failure(String what, SQLException e) {
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

  private static String json(Map<String, String> params) {
    try {
      return JSON.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("params cannot be written as JSON", e);
    }
  }

  private static Map<String, String> params(@Nullable String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      Map<String, String> m = JSON.readValue(json, PARAMS);
      return m == null ? Map.of() : m;
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  /** Brings a store's tables up to {@link HistorySchema#latest()}. */
  static final class Migrations {
    private Migrations() {}

    static void apply(Connection db, String where) throws SQLException {
      try (Statement s = db.createStatement()) {
        s.execute(HistorySchema.VERSIONS_TABLE);
      }
      int current = current(db);
      if (current > HistorySchema.latest()) {
        throw new InfrastructureException(
            "the history store "
                + where
                + " has tables of version "
                + current
                + ", newer than this Baton knows ("
                + HistorySchema.latest()
                + "); use a newer Baton with this store");
      }
      for (HistorySchema.Migration m : HistorySchema.MIGRATIONS) {
        if (m.version() <= current) {
          continue;
        }
        db.setAutoCommit(false);
        try {
          try (Statement s = db.createStatement()) {
            for (String sql : m.statements()) {
              s.execute(sql);
            }
          }
          try (PreparedStatement s =
              db.prepareStatement(
                  "INSERT INTO baton_schema (version, description, applied_at) VALUES (?, ?, ?)")) {
            s.setInt(1, m.version());
            s.setString(2, m.description());
            s.setString(3, MillisInstantModule.format(Instant.now()));
            s.executeUpdate();
          }
          db.commit();
        } catch (SQLException e) {
          db.rollback();
          // Another Baton may have applied it at the same moment (two CI agents): then it is there.
          if (current(db) < m.version()) {
            throw e;
          }
        } finally {
          db.setAutoCommit(true);
        }
      }
    }

    static int current(Connection db) throws SQLException {
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(version) FROM baton_schema")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }
}
