package dev.baton.cli;

import dev.baton.core.errors.UsageException;
import dev.baton.core.history.HistoryQuery;
import dev.baton.core.history.HistoryRows.RunRow;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.RunHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton history}: the runs in the history store, newest first. */
@Command(
    name = "history",
    description = "List the runs in the history store, newest first.",
    mixinStandardHelpOptions = true,
    subcommands = HistoryCommand.Import.class)
final class HistoryCommand implements Callable<Integer> {
  @Mixin HistoryOptions store;

  @Option(names = "--pipeline", paramLabel = "P", description = "Only runs of this pipeline.")
  String pipeline;

  @Option(
      names = "--step",
      paramLabel = "S",
      description = "Only runs with this step (name or id).")
  String step;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      split = ",",
      description = "Only runs that ended so: SUCCEEDED, FAILED, CANCELLED, TIMED_OUT; repeatable.")
  List<String> statuses = new ArrayList<>();

  @Option(
      names = "--last",
      paramLabel = "N",
      description = "At most the N newest runs (default 50).")
  int last = 50;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
  String format = "table";

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new UsageException("--format '" + format + "' is unknown; use table or json");
    }
    List<String> wanted = statuses.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    List<RunRow> runs;
    try (HistoryStore s = store.open()) {
      runs = s.runs(new HistoryQuery(pipeline, step, wanted, Math.max(0, last)));
    }
    if (format.equals("json")) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (RunRow r : runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("pipeline", r.pipeline());
        m.put("status", r.status());
        m.put("startedAt", r.startedAt().toString());
        m.put("durationMillis", r.durationMillis());
        m.put("commit", r.commit());
        m.put("branch", r.branch());
        m.put("dirty", r.dirty());
        m.put("params", r.params());
        out.add(m);
      }
      Console.printJson(out);
      return 0;
    }
    Console.out()
        .printf(
            Locale.ROOT,
            "%-22s %-16s %-10s %-20s %9s  %-13s %s%n",
            "RUN",
            "PIPELINE",
            "STATUS",
            "STARTED",
            "DURATION",
            "COMMIT",
            "PARAMS");
    for (RunRow r : runs) {
      Console.out()
          .printf(
              Locale.ROOT,
              "%-22s %-16s %-10s %-20s %8.1fs  %-13s %s%n",
              r.runId(),
              r.pipeline(),
              r.status(),
              r.startedAt().toString().substring(0, 19).replace('T', ' '),
              r.durationMillis() / 1000.0,
              r.commit() == null
                  ? "-"
                  : r.shortCommit() + (Boolean.TRUE.equals(r.dirty()) ? "+" : ""),
              r.params());
    }
    if (runs.isEmpty()) {
      Console.out().println("(no runs in the history store)");
    }
    return 0;
  }

  /** {@code baton history import DIR...}: adds archived run directories. */
  @Command(
      name = "import",
      description =
          "Add run directories (each holding run.json, or a directory of them such as"
              + " .baton/runs) to the history store; a run imported again is replaced, not doubled.",
      mixinStandardHelpOptions = true)
  static final class Import implements Callable<Integer> {
    @Mixin HistoryOptions store;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Run directories.")
    List<Path> dirs;

    @Override
    public Integer call() {
      RunHistory.Imported done;
      try (HistoryStore s = store.open()) {
        done = RunHistory.importDirs(s, dirs);
      }
      done.runIds().forEach(id -> Console.out().println("imported " + id));
      done.withoutRun().forEach(d -> Console.err().println("no run.json in " + d + "; skipped"));
      return done.runIds().isEmpty() ? 2 : 0;
    }
  }
}
