package dev.baton.maven;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.descriptor.Durations;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.events.EventSink;
import dev.baton.core.history.RunHistory;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.plan.PlannedStep;
import dev.baton.trace.RunTraces;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * A goal that runs steps: all of them ({@code baton:run}) or those of one kind and what they need
 * ({@code baton:validate}, {@code baton:benchmark}, {@code baton:deploy}). A run that does not
 * succeed fails the build and names the failed steps and their logs.
 */
public abstract class AbstractRunMojo extends AbstractBatonMojo {
  // Steps get Baton.KILL_GRACE between TERM and KILL; then the reports are written.
  private static final Duration SHUTDOWN_WAIT = Baton.KILL_GRACE.plusSeconds(20);

  /** Most steps running at once on this machine; 0: one per core. */
  @Parameter(property = "baton.parallel", defaultValue = "0")
  protected int parallel;

  /** Where run.json, junit.xml, summary.md, report.html and the step logs go. */
  @Parameter(property = "baton.reportDir", defaultValue = "${project.build.directory}/baton")
  protected File reportDir;

  /** Cancel the running steps as soon as one fails, instead of letting them finish. */
  @Parameter(property = "baton.failFast", defaultValue = "false")
  protected boolean failFast;

  /** Plan and print what would run; run nothing. */
  @Parameter(property = "baton.dryRun", defaultValue = "false")
  protected boolean dryRun;

  /** Run steps with {@code cache: true} even when the step cache holds their result. */
  @Parameter(property = "baton.noCache", defaultValue = "false")
  protected boolean noCache;

  /**
   * Fail a step that waits longer than this (such as {@code 10m}) for GPUs or a concurrency slot
   * that another process on this machine holds; empty: wait as long as it takes.
   */
  @Parameter(property = "baton.leaseTimeout")
  protected String leaseTimeout;

  /**
   * Stop the whole run after this long (such as {@code 2h}): running steps are stopped, the rest
   * cancelled, and the run ends TIMED_OUT; empty: the descriptor's top-level {@code timeout}.
   */
  @Parameter(property = "baton.timeout")
  protected String timeout;

  /**
   * Continue the interrupted run in {@code reportDir} ({@code latest}, or its run id): steps that
   * succeeded are not run again, the others run.
   */
  @Parameter(property = "baton.resume")
  protected String resume;

  /** The kind of steps this goal runs, with what they need; null: every step. */
  protected abstract @Nullable StepKind kind();

  /** Kinds of steps this goal does not run, nor the steps that need them; empty: none. */
  protected Set<StepKind> leftOut() throws MojoFailureException {
    return Set.of();
  }

  /**
   * Names in the build log the steps a left-out kind keeps from running, and how to run them; false
   * when that leaves no step to run.
   */
  private boolean reportLeftOut(Baton baton, BatonConfig scoped) {
    if (scoped.kinds().leftOut().isEmpty()) {
      return true;
    }
    Set<String> kept = new HashSet<>();
    baton.plan(scoped).steps().forEach(s -> kept.add(s.id()));
    List<String> notRun = new ArrayList<>();
    BatonConfig all = scoped.toBuilder().leaveOut(null).build();
    baton.plan(all).steps().stream()
        .map(PlannedStep::id)
        .filter(id -> !kept.contains(id))
        .forEach(notRun::add);
    if (!notRun.isEmpty()) {
      getLog().info(MavenHelpfulSuggestions.leftOut(scoped.kinds().leftOut(), notRun));
    }
    return !kept.isEmpty();
  }

  /** The build's environment: {@code OTEL_*} asks for the run's trace, as for the command line. */
  Map<String, String> environment = System.getenv();

  @Override
  protected RunTraces traces(EventSink warnings) {
    return dryRun ? RunTraces.NONE : RunTraces.fromEnvironment(environment, warnings);
  }

  @Override
  protected final void process(Baton baton, BatonConfig config) throws MojoFailureException {
    BatonConfig.Builder scoped = config.toBuilder().noCache(noCache).leaveOut(leftOut());
    StepKind own = kind();
    if (own != null) {
      if (!config.kinds().kinds().isEmpty() && !config.kinds().kinds().contains(own)) {
        throw new MojoFailureException(MavenHelpfulSuggestions.kindGoalFiltered(own, kinds));
      }
      scoped.kind(own);
    }
    if (!reportLeftOut(baton, scoped.build())) {
      return;
    }
    if (resume != null && !resume.isBlank()) {
      scoped.resume(resume.strip());
    }
    if (leaseTimeout != null && !leaseTimeout.isBlank()) {
      scoped.leaseTimeout(
          Durations.parse(leaseTimeout)
              .orElseThrow(
                  () ->
                      new MojoFailureException(
                          MavenHelpfulSuggestions.badLeaseTimeout(leaseTimeout))));
    }
    if (timeout != null && !timeout.isBlank()) {
      scoped.runTimeout(
          Durations.parse(timeout)
              .filter(t -> !t.isZero())
              .orElseThrow(
                  () -> new MojoFailureException(MavenHelpfulSuggestions.badRunTimeout(timeout))));
    }
    CancelOnShutdown cancelOnShutdown = new CancelOnShutdown(baton, SHUTDOWN_WAIT);
    RunOutcome outcome;
    try {
      outcome = baton.run(scoped.build());
    } finally {
      cancelOnShutdown.close();
    }
    if (outcome.dryRunPlan().isEmpty() && outcome.reportDir() != null) {
      // A history store that cannot be reached only warns: the run's result stands.
      RunHistory.addFinished(
              outcome.record(),
              outcome.reportDir(),
              file.getAbsoluteFile().getParentFile().toPath(),
              environment)
          .ifPresent(getLog()::warn);
    }
    if (outcome.dryRunPlan().isPresent()) {
      PlanRenderer.render(outcome.dryRunPlan().get(), "text").lines().forEach(getLog()::info);
      getLog().info(MavenHelpfulSuggestions.dryRun());
      return;
    }
    if (!outcome.succeeded()) {
      throw new MojoFailureException(MavenHelpfulSuggestions.forFailedRun(outcome));
    }
  }

  @Override
  protected MavenRawConfiguration rawConfiguration() {
    return super.rawConfiguration().withRunOptions(parallel, reportDir, failFast, dryRun);
  }
}
