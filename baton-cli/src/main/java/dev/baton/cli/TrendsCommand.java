package dev.baton.cli;

import dev.baton.core.history.HistoryQuery;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.Trends;
import dev.baton.core.report.TrendsHtmlWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton trends}: trends.html over the last runs of the history store. */
@Command(
    name = "trends",
    description =
        "Write trends.html: gate metrics, benchmark medians, step durations and waits over the"
            + " last runs, and their status.",
    mixinStandardHelpOptions = true)
final class TrendsCommand implements Callable<Integer> {
  @Mixin HistoryOptions store;

  @Option(names = "--last", paramLabel = "N", description = "The N newest runs (default 50).")
  int last = 50;

  @Option(names = "--pipeline", paramLabel = "P", description = "Only runs of this pipeline.")
  String pipeline;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the page (default: .baton/trends.html in the workspace).")
  Path out;

  @Override
  public Integer call() {
    Path file = out != null ? out : store.workspace.resolve(".baton").resolve("trends.html");
    try (HistoryStore s = store.open()) {
      TrendsHtmlWriter.write(
          Trends.page(s, new HistoryQuery(pipeline, null, List.of(), Math.max(0, last))), file);
    }
    Console.out().println("wrote " + file);
    return 0;
  }
}
