package dev.baton.core.history;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model versions and aliases in a team's store: a real PostgreSQL server started for the test. */
class PostgresModelsTest {
  @TempDir Path repo;

  @Test
  void versionsAliasesAndTheirAuditWorkTheSameInPostgres() throws Exception {
    try (TestPostgres pg = TestPostgres.start()) {
      ModelAcceptance.check(
          repo,
          Map.of(
              HistoryStores.URL_VARIABLE, pg.url(),
              HistoryStores.USER_VARIABLE, pg.user(),
              HistoryStores.PASSWORD_VARIABLE, "unused-with-trust"));
    }
  }
}
