package dev.baton.core.history;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.history.ModelRows.Alias;
import dev.baton.core.history.ModelRows.AliasMove;
import dev.baton.core.history.ModelRows.Version;
import dev.baton.core.io.MillisInstantModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The versions of named artifacts and their aliases, in the history store's database (the same
 * connection, plain SQL that SQLite and PostgreSQL both accept). Version numbers count up per name
 * from 1; moving an alias writes an audit row in the same transaction.
 */
public final class ModelRegistry {
  private static final String VERSION_COLUMNS =
      "name, version, digest, size, run_id, step_id, pipeline, path, kept_path, created_at";

  private final Connection db;
  private final String where;

  ModelRegistry(Connection db, String where) {
    this.db = db;
    this.where = where;
  }

  /** Every version of {@code name} (all names when null), by name then version. */
  public List<Version> versions(@Nullable String name) {
    String sql = "SELECT " + VERSION_COLUMNS + " FROM artifact_versions";
    return name == null
        ? query(sql + " ORDER BY name, version", List.of(), ModelRegistry::version)
        : query(sql + " WHERE name = ? ORDER BY version", List.of(name), ModelRegistry::version);
  }

  public Optional<Version> version(String name, int version) {
    return versions(name).stream().filter(v -> v.version() == version).findFirst();
  }

  /** The newest version of {@code name}. */
  public Optional<Version> latest(String name) {
    List<Version> all = versions(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The number the next version of {@code name} gets. */
  public int nextVersion(String name) {
    return latest(name).map(v -> v.version() + 1).orElse(1);
  }

  /**
   * Adds a version under the number it carries.
   *
   * @throws InfrastructureException when that number is taken (another agent added it meanwhile)
   */
  public void add(Version v) {
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO artifact_versions ("
                + VERSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, v.name());
      s.setInt(2, v.version());
      s.setString(3, v.digest());
      s.setLong(4, v.size());
      s.setString(5, v.runId());
      s.setString(6, v.stepId());
      s.setString(7, v.pipeline());
      s.setString(8, v.path());
      s.setString(9, v.keptPath());
      s.setString(10, MillisInstantModule.format(v.createdAt()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("cannot add version " + v.version() + " of '" + v.name() + "'", e);
    }
  }

  /** The aliases of {@code name} (all names when null), by name then alias. */
  public List<Alias> aliases(@Nullable String name) {
    String sql = "SELECT name, alias, version, set_by, set_at FROM model_aliases";
    RowReader<Alias> row =
        rs ->
            new Alias(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                MillisInstantModule.parse(rs.getString(5)));
    return name == null
        ? query(sql + " ORDER BY name, alias", List.of(), row)
        : query(sql + " WHERE name = ? ORDER BY alias", List.of(name), row);
  }

  public Optional<Alias> alias(String name, String alias) {
    return aliases(name).stream().filter(a -> a.alias().equals(alias)).findFirst();
  }

  /**
   * Points {@code alias} of {@code version}'s name at it, and records the move: who, when, why, the
   * version's run and the version it pointed at before. One transaction.
   */
  public synchronized AliasMove setAlias(
      Version version, String alias, String who, String reason, Instant at) {
    String name = version.name();
    try {
      db.setAutoCommit(false);
      try {
        Integer previous = alias(name, alias).map(Alias::version).orElse(null);
        int seq = history(name).stream().filter(m -> m.alias().equals(alias)).toList().size() + 1;
        update("DELETE FROM model_aliases WHERE name = ? AND alias = ?", name, alias);
        update(
            "INSERT INTO model_aliases (name, alias, version, set_by, set_at) VALUES (?, ?, ?, ?,"
                + " ?)",
            name,
            alias,
            version.version(),
            who,
            MillisInstantModule.format(at));
        update(
            "INSERT INTO alias_events (name, alias, seq, version, previous, run_id, set_by,"
                + " set_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            name,
            alias,
            seq,
            version.version(),
            previous,
            version.runId(),
            who,
            MillisInstantModule.format(at),
            reason);
        db.commit();
        return new AliasMove(
            name, alias, seq, version.version(), previous, version.runId(), who, at, reason);
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("cannot move alias '" + alias + "' of '" + name + "'", e);
    }
  }

  /** Every move of the aliases of {@code name}, oldest first. */
  public List<AliasMove> history(String name) {
    return query(
        "SELECT name, alias, seq, version, previous, run_id, set_by, set_at, reason FROM"
            + " alias_events WHERE name = ? ORDER BY set_at, alias, seq",
        List.of(name),
        rs -> {
          int p = rs.getInt(5);
          Integer previous = rs.wasNull() ? null : p;
          return new AliasMove(
              rs.getString(1),
              rs.getString(2),
              rs.getInt(3),
              rs.getInt(4),
              previous,
              rs.getString(6),
              rs.getString(7),
              MillisInstantModule.parse(rs.getString(8)),
              rs.getString(9));
        });
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static Version version(ResultSet rs) throws SQLException {
    return new Version(
        rs.getString(1),
        rs.getInt(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        MillisInstantModule.parse(rs.getString(10)));
  }

  private <T> List<T> query(String sql, List<String> args, RowReader<T> reader) {
    synchronized (this) {
      try (PreparedStatement s = db.prepareStatement(sql)) {
        for (int i = 0; i < args.size(); i++) {
          s.setString(i + 1, args.get(i));
        }
        List<T> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(reader.read(rs));
          }
        }
        return out;
      } catch (SQLException e) {
        throw failure("cannot read the model versions", e);
      }
    }
  }

  private void update(String sql, @Nullable Object... args) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          s.setNull(i + 1, Types.INTEGER);
        } else if (a instanceof Integer n) {
          s.setInt(i + 1, n);
        } else {
          s.setString(i + 1, String.valueOf(a));
        }
      }
      s.executeUpdate();
    }
  }

  private InfrastructureException failure(String what, SQLException e) {
    return JdbcHistoryStore.failure(where, what, e);
  }
}
