package dev.baton.cli;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.descriptor.Durations;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.errors.UsageException;
import dev.baton.core.events.EventSink;
import dev.baton.core.history.RunHistory;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.stages.StageDescriptions;
import dev.baton.trace.RunTraces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
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

  @Mixin LeaseTimeoutOption leaseTimeout = new LeaseTimeoutOption();

  BatonConfig apply(BatonConfig config) {
    if (parallel < 0) {
      throw new UsageException("--parallel must be 0 (the number of cores) or more");
    }
    return config.toBuilder()
        .reportDir(reportDir)
        .parallel(parallel)
        .noCache(noCache)
        .leaseTimeout(leaseTimeout.value())
        .runTimeout(runTimeout())
        .dryRun(dryRun)
        .build();
  }

  private @Nullable Duration runTimeout() {
    if (timeout == null) {
      return null;
    }
    return Durations.parse(timeout)
        .filter(t -> !t.isZero())
        .orElseThrow(
            () ->
                new UsageException(
                    "--timeout '" + timeout + "' is not a duration; write it like 30s, 10m or 2h"));
  }

  /** Runs {@code config} with a console; a dry run prints the plan it returns. */
  int execute(BatonConfig config) {
    if (config.dryRun()) {
      // No live display for a run that starts nothing: notices only, to stderr.
      RunOutcome planned = new Baton(Console.events(true)).run(config);
      planned.dryRunPlan().ifPresent(RunOptions::printPlan);
      return ExitCodeOf.outcome(planned);
    }
    ConsoleReporter console = Console.reporter(quietOutput, () -> stepPositions(config));
    RunTraces traces = RunTraces.fromEnvironment(System.getenv(), console);
    Baton baton = new Baton(console.andThen(traces));
    Signals.onInterrupt(baton::cancel, baton::stopNow);
    HistoryWarmUp.start(System.getenv());
    RunOutcome outcome;
    try {
      outcome = baton.run(config);
    } finally {
      traces.close();
      console.close();
    }
    addToHistory(config, outcome);
    return ExitCodeOf.outcome(outcome);
  }

  /** Adds the run to the history store; a store that cannot be reached only warns. */
  private static void addToHistory(BatonConfig config, RunOutcome outcome) {
    Path reportDir = outcome.reportDir();
    Path workspace = config.file().toAbsolutePath().getParent();
    if (reportDir != null && workspace != null) {
      RunHistory.addFinished(outcome.record(), reportDir, workspace, System.getenv())
          .ifPresent(w -> Console.err().println("warning: " + w));
    }
  }

  /** Where each step is written in the descriptor, by its name. */
  private static Map<String, SourcePosition> stepPositions(BatonConfig config) {
    Map<String, SourcePosition> positions = new LinkedHashMap<>();
    new Baton(EventSink.NONE)
        .plan(config)
        .descriptor()
        .steps()
        .forEach((name, spec) -> positions.put(name, spec.position()));
    return positions;
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
