package dev.baton.core.history;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's store: a real PostgreSQL server, started for the test, named by BATON_HISTORY_URL. */
class PostgresHistoryTest {
  @TempDir Path repo;

  @Test
  void threeQuickstartRunsAreListedComparedChartedAndTracedFromPostgres() throws Exception {
    try (TestPostgres pg = TestPostgres.start()) {
      HistoryAcceptance.check(
          repo,
          Map.of(
              HistoryStores.URL_VARIABLE, pg.url(),
              HistoryStores.USER_VARIABLE, pg.user(),
              HistoryStores.PASSWORD_VARIABLE, "unused-with-trust"));
    }
  }
}
