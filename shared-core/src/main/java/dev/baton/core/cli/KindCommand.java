package dev.baton.core.cli;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.stages.StageDescriptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton validate|benchmark|deploy}: {@code run}, limited to the steps of one kind. */
abstract class KindCommand implements Callable<Integer> {
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

  @Option(names = "--dry-run", description = "Print what would run and how, run nothing.")
  boolean dryRun;

  @Option(
      names = "--quiet-output",
      description = "Do not echo step output to the console (it still goes to the logs).")
  boolean quietOutput;

  abstract StepKind kind();

  @Override
  public Integer call() {
    BatonConfig config =
        pipeline.config().withReportDir(reportDir).withParallel(parallel).withKind(kind());
    if (dryRun) {
      Plan plan = new Baton(Console.events(true)).plan(config);
      Console.out().print(PlanRenderer.render(plan, "text"));
      for (PlannedStep step : plan.steps()) {
        step.spec()
            .stage()
            .ifPresent(
                stage -> {
                  Console.out().println(step.id() + ":");
                  StageDescriptions.describe(stage, step.command())
                      .forEach(line -> Console.out().println("  " + line));
                });
      }
      return 0;
    }
    return RunCommand.runWithConsole(config, quietOutput);
  }
}
