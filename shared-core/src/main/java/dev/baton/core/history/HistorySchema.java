package dev.baton.core.history;

import java.util.List;

/**
 * The store's tables, as numbered migrations. The store keeps the versions it applied in {@code
 * baton_schema} (version, description, when); opening a store applies those it lacks, in order,
 * each in one transaction. A migration is never edited once released: a change is a new one. The
 * SQL is what SQLite and PostgreSQL both accept. (docs/history.md lists them.)
 */
final class HistorySchema {
  private HistorySchema() {}

  record Migration(int version, String description, List<String> statements) {}

  static final String VERSIONS_TABLE =
      "CREATE TABLE IF NOT EXISTS baton_schema (version INTEGER PRIMARY KEY,"
          + " description TEXT NOT NULL, applied_at TEXT NOT NULL)";

  static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "runs, steps, metrics, benchmarks, files",
              List.of(
                  "CREATE TABLE runs (run_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL,"
                      + " status TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT,"
                      + " duration_ms BIGINT NOT NULL, git_commit TEXT, git_branch TEXT,"
                      + " git_remote TEXT, git_dirty SMALLINT, descriptor_digest TEXT,"
                      + " params TEXT NOT NULL, record TEXT NOT NULL, added_at TEXT NOT NULL)",
                  "CREATE INDEX runs_started ON runs (started_at)",
                  "CREATE TABLE steps (run_id TEXT NOT NULL, step_id TEXT NOT NULL,"
                      + " step TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,"
                      + " started_at TEXT, duration_ms BIGINT NOT NULL,"
                      + " queue_wait_ms BIGINT NOT NULL, image TEXT,"
                      + " PRIMARY KEY (run_id, step_id))",
                  "CREATE TABLE metrics (run_id TEXT NOT NULL, step_id TEXT NOT NULL,"
                      + " position INTEGER NOT NULL, metric TEXT NOT NULL, gate TEXT NOT NULL,"
                      + " value DOUBLE PRECISION, passed SMALLINT,"
                      + " PRIMARY KEY (run_id, step_id, position))",
                  "CREATE TABLE benchmarks (run_id TEXT NOT NULL, step_id TEXT NOT NULL,"
                      + " unit TEXT NOT NULL, median DOUBLE PRECISION NOT NULL,"
                      + " low DOUBLE PRECISION NOT NULL, high DOUBLE PRECISION NOT NULL,"
                      + " verdict TEXT NOT NULL, PRIMARY KEY (run_id, step_id))",
                  "CREATE TABLE files (run_id TEXT NOT NULL, step_id TEXT NOT NULL,"
                      + " role TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL,"
                      + " PRIMARY KEY (run_id, step_id, role, path))",
                  "CREATE INDEX files_digest ON files (digest)")),
          new Migration(
              2,
              "artifact versions, model aliases and their audit trail",
              List.of(
                  "CREATE TABLE artifact_versions (name TEXT NOT NULL, version INTEGER NOT NULL,"
                      + " digest TEXT NOT NULL, size BIGINT NOT NULL, run_id TEXT NOT NULL,"
                      + " step_id TEXT NOT NULL, pipeline TEXT NOT NULL, path TEXT NOT NULL,"
                      + " kept_path TEXT NOT NULL, created_at TEXT NOT NULL,"
                      + " PRIMARY KEY (name, version))",
                  "CREATE INDEX artifact_versions_run ON artifact_versions (run_id)",
                  "CREATE TABLE model_aliases (name TEXT NOT NULL, alias TEXT NOT NULL,"
                      + " version INTEGER NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL,"
                      + " PRIMARY KEY (name, alias))",
                  "CREATE TABLE alias_events (name TEXT NOT NULL, alias TEXT NOT NULL,"
                      + " seq INTEGER NOT NULL, version INTEGER NOT NULL, previous INTEGER,"
                      + " run_id TEXT NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL,"
                      + " reason TEXT NOT NULL, PRIMARY KEY (name, alias, seq))")));

  static int latest() {
    return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
  }
}
