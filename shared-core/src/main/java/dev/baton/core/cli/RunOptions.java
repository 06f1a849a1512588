package dev.baton.core.cli;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.stages.StageDescriptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs steps ({@code run}, {@code validate}, ...), and how it
 * runs them.
 */
final class RunOptions {
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
      names = "--no-cache",
      description =
          "Run steps with 'cache: true' even when the step cache holds their result"
              + " (successful ones still refresh it).")
  boolean noCache;

  @Option(
      names = "--quiet-output",
      description = "Do not echo step output to the console (it still goes to the logs).")
  boolean quietOutput;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description =
          "Stop the whole run after this long (such as 2h): running steps are stopped, the rest"
              + " cancelled, and the run ends TIMED_OUT (default: the descriptor's 'timeout').")
  String timeout;

  @picocli.CommandLine.Mixin LeaseTimeoutOption leaseTimeout = new LeaseTimeoutOption();

  BatonConfig apply(BatonConfig config) {
    if (parallel < 0) {
      throw new UsageException("--parallel must be 0 (the number of cores) or more");
    }
    return config
        .withReportDir(reportDir)
        .withParallel(parallel)
        .withNoCache(noCache)
        .withLeaseTimeout(leaseTimeout.value())
        .withRunTimeout(runTimeout());
  }

  private java.time.Duration runTimeout() {
    if (timeout == null) {
      return null;
    }
    java.time.Duration d =
        dev.baton.core.descriptor.Durations.parse(timeout)
            .filter(t -> !t.isZero())
            .orElseThrow(
                () ->
                    new UsageException(
                        "--timeout '"
                            + timeout
                            + "' is not a duration; write it like 30s, 10m or 2h"));
    return d;
  }

  /** Runs {@code config} with a console; with {@code --dry-run} prints the plan instead. */
  int execute(BatonConfig config) {
    if (dryRun) {
      printPlan(new Baton(Console.events(true)).plan(config));
      return 0;
    }
    ConsoleReporter console = Console.reporter(quietOutput);
    Baton baton = new Baton(console);
    Signals.onInterrupt(baton::cancel);
    try {
      return baton.run(config).exitCode();
    } finally {
      console.close();
    }
  }

  private static void printPlan(Plan plan) {
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
  }
}
