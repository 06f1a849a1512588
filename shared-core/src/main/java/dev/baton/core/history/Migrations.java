package dev.baton.core.history;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.MillisInstantModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** Brings a store's tables up to {@link HistorySchema#latest()}. */
final class Migrations {
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
