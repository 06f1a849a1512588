package dev.baton.cli;

import dev.baton.core.history.HistoryStores;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads the history store's JDBC drivers (and SQLite's native library, which the driver unpacks and
 * links on first use) on a daemon thread while the run goes on, so adding the run to the history
 * when it ends does not pay for them on the run's critical path; likewise while a history command
 * builds its command line model. Touches no file of the workspace: a run refused before it starts
 * leaves no history behind.
 */
final class HistoryWarmUp {
  /** The commands that read the history store, and so start by opening it. */
  static final Set<String> COMMANDS = Set.of("history", "compare", "trends", "lineage");

  private HistoryWarmUp() {}

  static void start(Map<String, String> env) {
    if (HistoryStores.off(env)) {
      return;
    }
    boolean embedded = HistoryStores.url(Path.of(""), env).startsWith("jdbc:sqlite:");
    Thread t =
        new Thread(
            () -> {
              try {
                HistoryStores.quietDrivers();
                if (embedded) {
                  SqliteLibrary.prepare(env);
                  SQLiteJDBCLoader.initialize();
                  new SQLiteConfig(); // its date formats: the locale data, tens of milliseconds
                } else {
                  DriverManager.getDrivers(); // the drivers' service files, read once
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
