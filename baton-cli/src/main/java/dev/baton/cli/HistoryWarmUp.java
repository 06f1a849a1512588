package dev.baton.cli;

import dev.baton.core.history.HistoryStores;
import java.sql.DriverManager;
import java.util.Map;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads the history store's JDBC drivers (and SQLite's native library, which the driver unpacks and
 * links on first use) on a daemon thread while the run goes on, so adding the run to the history
 * when it ends does not pay for them on the run's critical path. Touches no file of the workspace:
 * a run refused before it starts leaves no history behind.
 */
final class HistoryWarmUp {
  private HistoryWarmUp() {}

  static void start(Map<String, String> env) {
    if (HistoryStores.off(env)) {
      return;
    }
    boolean embedded = env.getOrDefault(HistoryStores.URL_VARIABLE, "").isBlank();
    Thread t =
        new Thread(
            () -> {
              try {
                HistoryStores.quietDrivers();
                DriverManager.getDrivers(); // the drivers' service files, read once
                if (embedded) {
                  SQLiteJDBCLoader.initialize();
                }
              } catch (Exception | LinkageError e) {
                // Only a head start: the store reports its own problem when the run is added.
              }
            },
            "baton-history-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
