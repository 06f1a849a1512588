package dev.baton.core.history;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Where a workspace's history lives: {@code BATON_HISTORY_URL} when set (a JDBC URL, such as {@code
 * jdbc:postgresql://db:5432/baton}, with the account in {@code BATON_HISTORY_USER} and {@code
 * BATON_HISTORY_PASSWORD}), else the SQLite file {@code .baton/history.db} in the workspace. {@code
 * BATON_HISTORY_URL=off} keeps no history.
 */
public final class HistoryStores {
  public static final String URL_VARIABLE = "BATON_HISTORY_URL";
  public static final String USER_VARIABLE = "BATON_HISTORY_USER";
  public static final String PASSWORD_VARIABLE = "BATON_HISTORY_PASSWORD";
  public static final String OFF = "off";

  /** The embedded store, under the workspace. */
  public static final String DEFAULT_FILE = ".baton/history.db";

  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(://[^/@:]*):[^/@]*@");

  // Held here: java.util.logging keeps loggers weakly, and a level set on a dropped one is lost.
  private static final List<Logger> DRIVER_LOGS =
      List.of(Logger.getLogger("org.sqlite"), Logger.getLogger("org.postgresql"));

  /** Seconds a store that does not answer may take before the attempt is given up. */
  static final int CONNECT_SECONDS = 5;

  private HistoryStores() {}

  /** Whether {@code env} turns the history off. */
  public static boolean off(Map<String, String> env) {
    return OFF.equalsIgnoreCase(env.getOrDefault(URL_VARIABLE, "").strip());
  }

  /** The JDBC URL of the workspace's store. */
  public static String url(Path workspace, Map<String, String> env) {
    String url = env.getOrDefault(URL_VARIABLE, "").strip();
    if (!url.isEmpty()) {
      return url;
    }
    return "jdbc:sqlite:" + workspace.toAbsolutePath().normalize().resolve(DEFAULT_FILE);
  }

  /** {@code url} with any password in it replaced by {@code ****}, for messages. */
  public static String masked(String url) {
    return USER_INFO
        .matcher(PASSWORD_PARAMETER.matcher(url).replaceAll("$1****"))
        .replaceAll("$1:****@");
  }

  /**
   * Opens the workspace's store, creating its tables the first time.
   *
   * @throws UsageException when the URL names a database no driver Baton carries speaks
   * @throws InfrastructureException when the store cannot be reached or written
   */
  public static HistoryStore open(Path workspace, Map<String, String> env) {
    if (off(env)) {
      throw new UsageException(
          "no run history is kept here ("
              + URL_VARIABLE
              + " is "
              + OFF
              + "); unset it to use the history store");
    }
    String url = url(workspace, env);
    return new JdbcHistoryStore(connect(url, env), masked(url));
  }

  /**
   * Turns off the JDBC drivers' own logging (java.util.logging): SQLite's driver prints a stack
   * trace to the console when it cannot unpack its native library (a full disk, a file size limit),
   * and a store that cannot be used must reach the user as one warning, never a trace.
   */
  public static void quietDrivers() {
    for (Logger logs : DRIVER_LOGS) {
      logs.setLevel(Level.OFF);
    }
  }

  static Connection connect(String url, Map<String, String> env) {
    quietDrivers();
    String where = masked(url);
    if (!url.startsWith("jdbc:")) {
      throw new UsageException(
          URL_VARIABLE
              + " '"
              + where
              + "' is not a JDBC URL; write jdbc:postgresql://HOST:PORT/DATABASE or"
              + " jdbc:sqlite:FILE");
    }
    Properties props = new Properties();
    Optional.ofNullable(env.get(USER_VARIABLE)).ifPresent(u -> props.setProperty("user", u));
    String password = env.get(PASSWORD_VARIABLE);
    if (password != null) {
      props.setProperty("password", password);
    }
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    if (sqlite) {
      createParent(url.substring("jdbc:sqlite:".length()), where);
      // Another Baton writing the same file waits for it rather than failing at once.
      props.setProperty("busy_timeout", "10000");
    } else {
      // An unreachable server answers within seconds, not after the operating system's minutes.
      props.setProperty("connectTimeout", String.valueOf(CONNECT_SECONDS));
      props.setProperty("loginTimeout", String.valueOf(CONNECT_SECONDS));
      props.setProperty("socketTimeout", "60");
    }
    try {
      Connection c = driverFor(url).connect(url, props);
      if (c == null) {
        throw new SQLException("No suitable driver found for " + where);
      }
      if (sqlite) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
        }
      }
      return c;
    } catch (SQLException e) {
      String reason = String.valueOf(e.getMessage());
      if (password != null && !password.isEmpty()) {
        reason = reason.replace(password, "****");
      }
      if (reason.startsWith("No suitable driver")) {
        throw new UsageException(
            URL_VARIABLE
                + " '"
                + where
                + "' names a database no driver in this Baton speaks; write"
                + " jdbc:postgresql://HOST:PORT/DATABASE or jdbc:sqlite:FILE");
      }
      if (sqlite) {
        throw new InfrastructureException(
            "the history file "
                + url.substring("jdbc:sqlite:".length())
                + " cannot be opened: "
                + reason
                + "; check that its disk has room and its directory is writable (SQLite also"
                + " unpacks its library into the temporary directory), or set "
                + URL_VARIABLE
                + "="
                + OFF
                + " to keep no history",
            e);
      }
      throw new InfrastructureException(
          "the history store "
              + where
              + " cannot be reached: "
              + reason
              + "; check the URL, that the database is up, and the account in "
              + USER_VARIABLE
              + " and "
              + PASSWORD_VARIABLE,
          e);
    }
  }

  /**
   * The first driver on the class path that takes {@code url}. The drivers are made one at a time,
   * in class path order, and the search stops at the first that accepts: {@link DriverManager}
   * would load and initialise every driver first (PostgreSQL's for an SQLite file too), a cost each
   * history command would pay at start-up.
   */
  static Driver driverFor(String url) throws SQLException {
    try {
      for (Driver d : ServiceLoader.load(Driver.class, HistoryStores.class.getClassLoader())) {
        if (d.acceptsURL(url)) {
          return d;
        }
      }
    } catch (ServiceConfigurationError e) {
      // A broken driver on the class path: let DriverManager skip it as it does.
    }
    return DriverManager.getDriver(url); // drivers registered some other way; throws when none
  }

  private static void createParent(String file, String where) {
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new InfrastructureException(
          "the history store "
              + where
              + " cannot be created: "
              + e.getMessage()
              + "; check that its directory is writable",
          e);
    }
  }
}
