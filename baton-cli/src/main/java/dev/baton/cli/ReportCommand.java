package dev.baton.cli;

import dev.baton.core.report.ReportWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton report}: regenerates every report of a run from its run.json. */
@Command(
    name = "report",
    description = "Regenerate a run's reports from its run.json.",
    mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR",
      description = "The run's report directory, such as .baton/runs/latest.")
  Path runDir;

  @Override
  public Integer call() {
    List<Path> written = ReportWriter.regenerate(runDir, System.getenv());
    written.forEach(p -> Console.out().println("wrote " + p));
    return 0;
  }
}
