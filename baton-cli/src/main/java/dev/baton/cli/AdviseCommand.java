package dev.baton.cli;

import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.usage.RightSizing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code baton advise}: right-sizing advice over one or several runs. Prints what to change; never
 * changes the descriptor.
 */
@Command(
    name = "advise",
    description =
        "Compare what steps asked for (gpus, cpus, memory, timeout) with what they used, over one"
            + " or several runs, and print what to change. The descriptor is not changed.",
    mixinStandardHelpOptions = true)
final class AdviseCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "RUN",
      arity = "0..*",
      description =
          "Report directories (or run.json files) of runs, such as .baton/runs/latest (the"
              + " default).")
  List<Path> runs = new ArrayList<>();

  @Override
  public Integer call() {
    List<Path> dirs = runs.isEmpty() ? List.of(Path.of(".baton/runs/latest")) : runs;
    List<RunRecord> records = new ArrayList<>();
    for (Path dir : dirs) {
      records.add(RunRecordJson.read(dir));
    }
    List<RightSizing.Advice> advice = RightSizing.advise(records);
    if (advice.isEmpty()) {
      Console.out()
          .println(
              "no advice: every measured step used about what it asked for (over "
                  + records.size()
                  + (records.size() == 1 ? " run)" : " runs)"));
    }
    advice.forEach(a -> Console.out().println(a.text()));
    return 0;
  }
}
