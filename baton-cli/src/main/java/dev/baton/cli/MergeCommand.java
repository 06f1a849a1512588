package dev.baton.cli;

import dev.baton.core.api.RunMerger;
import dev.baton.core.api.RunOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton merge}: one run record and one set of reports from steps run apart. */
@Command(
    name = "merge",
    description =
        "Merge step report directories (from 'baton step') into one run and write its reports.",
    mixinStandardHelpOptions = true)
final class MergeCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where the merged reports go.")
  Path out;

  @Option(
      names = "--pipeline",
      paramLabel = "NAME",
      description = "The pipeline name (default: from the first record).")
  String pipeline;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Report directories to merge.")
  List<Path> runDirs;

  @Override
  public Integer call() {
    RunOutcome outcome = RunMerger.merge(runDirs, out, pipeline, System.getenv());
    Console.out()
        .println(
            ConsoleReporter.summary(outcome.record(), Objects.requireNonNull(outcome.reportDir()))
                .strip());
    return ExitCodeOf.outcome(outcome);
  }
}
