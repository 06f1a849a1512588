package dev.baton.cli;

import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.HistoryStores;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which history store the history commands read: the workspace's, or BATON_HISTORY_URL's. */
final class HistoryOptions {
  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description =
          "The workspace whose .baton/history.db to read (default: the current directory);"
              + " BATON_HISTORY_URL, when set, names the store instead.")
  Path workspace = Path.of("");

  HistoryStore open() {
    Map<String, String> env = System.getenv();
    if (HistoryStores.url(workspace.toAbsolutePath(), env).startsWith("jdbc:sqlite:")) {
      SqliteLibrary.prepare(env);
    }
    return HistoryStores.open(workspace.toAbsolutePath(), env);
  }
}
