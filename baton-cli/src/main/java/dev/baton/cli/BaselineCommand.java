package dev.baton.cli;

import dev.baton.core.errors.UsageException;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.stages.BaselinePromoter;
import dev.baton.core.stages.BaselineStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton baseline promote RUN --name NAME}: stores a run's figures as a named baseline. */
@Command(
    name = "baseline",
    description = "Manage stored baselines that validate and benchmark steps compare against.",
    mixinStandardHelpOptions = true,
    subcommands = {BaselineCommand.Promote.class})
final class BaselineCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(Console.out());
  }

  /** {@code baton baseline promote}. */
  @Command(
      name = "promote",
      description =
          "Store a run's metrics and benchmark samples as a baseline, per pipeline and hardware.",
      mixinStandardHelpOptions = true)
  static final class Promote implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "RUN",
        description = "The run's report directory (or its run.json), such as .baton/runs/latest.")
    Path run;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "The baseline's name, such as champion or main.")
    String name;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description =
            "Where baselines live (default: $BATON_BASELINES_DIR, else .baton/baselines next to the descriptor).")
    Path dir;

    @Override
    public Integer call() {
      Path file = Files.isDirectory(run) ? run.resolve(RunRecordJson.FILE_NAME) : run;
      if (!Files.isRegularFile(file)) {
        throw new UsageException(
            "no run record at "
                + file
                + "; pass a run's report directory, such as .baton/runs/latest");
      }
      RunRecord record = RunRecordJson.read(file);
      Path descriptor = Path.of(record.descriptor());
      Path workspace =
          descriptor.toAbsolutePath().getParent() == null
              ? Path.of("").toAbsolutePath()
              : descriptor.toAbsolutePath().getParent();
      BaselineStore store =
          dir != null ? new BaselineStore(dir) : BaselineStore.of(workspace, System.getenv());
      try {
        List<Path> written = BaselinePromoter.promote(record, name, store);
        if (written.isEmpty()) {
          throw new UsageException(
              "run "
                  + record.runId()
                  + " has no succeeded validate or benchmark step; promote a run whose stage steps passed");
        }
        written.forEach(p -> Console.out().println("wrote " + p));
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
