package dev.baton.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.history.HistoryRows.BenchmarkRow;
import dev.baton.core.history.HistoryRows.FileRow;
import dev.baton.core.history.HistoryRows.MetricRow;
import dev.baton.core.history.HistoryRows.StepRow;
import dev.baton.core.io.MillisInstantModule;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.SourceRecord;
import dev.baton.core.record.StepRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The rows one run adds to the history store: its run row, steps, metrics, benchmarks, files. */
final class RunInserts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunInserts() {}

  static void run(Connection db, RunRecord r) throws SQLException {
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

  static void rows(Connection db, RunRecord r) throws SQLException {
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

  private static String json(Map<String, String> params) {
    try {
      return JSON.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("params cannot be written as JSON", e);
    }
  }
}
