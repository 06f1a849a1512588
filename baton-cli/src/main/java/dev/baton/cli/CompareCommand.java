package dev.baton.cli;

import dev.baton.core.errors.UsageException;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.RunComparison;
import dev.baton.core.record.RunRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code baton compare}: two runs of the history store side by side. */
@Command(
    name = "compare",
    description =
        "Compare two runs: params, commit, each step's status and duration, every gate metric and"
            + " benchmark with the change.",
    mixinStandardHelpOptions = true)
final class CompareCommand implements Callable<Integer> {
  @Mixin HistoryOptions store;

  @Parameters(index = "0", paramLabel = "RUN_A", description = "The earlier run's id.")
  String a;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "The later run's id.")
  String b;

  @Override
  public Integer call() {
    try (HistoryStore s = store.open()) {
      Console.out().print(RunComparison.text(record(s, a), record(s, b)));
    }
    return 0;
  }

  private static RunRecord record(HistoryStore s, String id) {
    return s.record(id)
        .orElseThrow(
            () ->
                new UsageException(
                    "no run "
                        + id
                        + " in the history store; list the runs with 'baton history' or add its"
                        + " directory with 'baton history import DIR'"));
  }
}
