package dev.baton.core.cli;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.plan.PlanRenderer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton run}: runs a pipeline and writes its reports. */
@Command(
    name = "run",
    description = "Run the pipeline's steps and write reports.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every step succeeded",
      "1:a step or gate failed",
      "2:bad descriptor or usage",
      "3:infrastructure (cannot schedule, engine unreachable)",
      "130:cancelled"
    })
final class RunCommand implements Callable<Integer> {
  @Mixin PipelineOptions pipeline;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description = "Where reports go (default: .baton/runs/<runId>/ next to the descriptor).")
  Path reportDir;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Most steps running at once (default: the number of cores).")
  int parallel;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "STEP",
      description = "Run only these steps (names or ids) and what they need.")
  List<String> only = List.of();

  @Option(
      names = "--executor",
      paramLabel = "ENGINE",
      description = "local (default) or slurm (each attempt becomes an sbatch job).")
  String executor = "";

  @Option(
      names = "--slurm",
      paramLabel = "KEY=VALUE",
      description =
          "A Slurm setting with --executor slurm: partition, account, qos, poll (a duration), args (extra sbatch options). Repeatable.")
  java.util.Map<String, String> slurm = new java.util.LinkedHashMap<>();

  @Option(names = "--fail-fast", description = "Cancel running steps as soon as one fails.")
  boolean failFast;

  @Option(names = "--dry-run", description = "Print what would run, run nothing.")
  boolean dryRun;

  @Option(
      names = "--quiet-output",
      description = "Do not echo step output to the console (it still goes to the logs).")
  boolean quietOutput;

  @Override
  public Integer call() {
    if (parallel < 0) {
      throw new dev.baton.core.api.UsageException(
          "--parallel must be 0 (the number of cores) or more");
    }
    BatonConfig config =
        pipeline
            .config()
            .withReportDir(reportDir)
            .withParallel(parallel)
            .withOnly(new LinkedHashSet<>(only))
            .withExecutor(executor)
            .withExecutorOptions(slurm)
            .withFailFast(failFast);
    if (dryRun) {
      Console.out()
          .print(PlanRenderer.render(new Baton(Console.events(true)).plan(config), "text"));
      return 0;
    }
    return runWithConsole(config, quietOutput);
  }

  static int runWithConsole(BatonConfig config, boolean quietOutput) {
    ConsoleReporter console = Console.reporter(quietOutput);
    Baton baton = new Baton(console);
    Signals.onInterrupt(baton::cancel);
    try {
      RunOutcome outcome = baton.run(config);
      return outcome.exitCode();
    } finally {
      console.close();
    }
  }
}
