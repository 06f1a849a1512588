package dev.baton.core.api;

import dev.baton.core.agents.Agent;
import dev.baton.core.descriptor.DescriptorException;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.engine.EngineResult;
import dev.baton.core.engine.RunEngine;
import dev.baton.core.engine.RunSettings;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.plan.Plan;
import dev.baton.core.report.ReportWriter;
import dev.baton.core.report.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one entry point every front end calls. Each method reports user mistakes as a {@link
 * BatonException} subtype ({@link DescriptorException}, {@link UsageException}, {@link
 * InfrastructureException}) and sends progress to the {@link EventSink}.
 */
public final class Baton {
  /** Time a cancelled or timed-out step gets between TERM and KILL. */
  public static final Duration KILL_GRACE = Duration.ofSeconds(10);

  private final EventSink events;
  private final Map<String, String> environment;
  private volatile RunEngine current;
  private volatile boolean cancelled;

  public Baton(EventSink events) {
    this(events, System.getenv());
  }

  /** A Baton whose steps start from {@code environment} instead of this process's. */
  public Baton(EventSink events, Map<String, String> environment) {
    this.events = events;
    this.environment = Map.copyOf(environment);
  }

  /** Reads and checks the descriptor and its plan (including agents); runs nothing. */
  public PipelineDescriptor check(BatonConfig config) {
    Prepared p = Prepared.of(config, environment, events);
    return p.plan().descriptor();
  }

  /** Plans the run the config describes; runs nothing. */
  public Plan plan(BatonConfig config) {
    return Planning.plan(config);
  }

  /** The agents steps of this config would run on, with their GPUs. */
  public List<Agent> agents(BatonConfig config) {
    return Prepared.of(config, environment, events).agents();
  }

  /** Asks a running {@link #run} to stop; it still writes its reports. Safe from any thread. */
  public void cancel() {
    cancelled = true;
    RunEngine engine = current;
    if (engine != null) {
      engine.cancel();
    }
  }

  /** Runs the pipeline and writes its reports; returns how it ended. */
  public RunOutcome run(BatonConfig config) {
    return execute(config, Prepared.of(config, environment, events), RunIds.next(Instant.now()));
  }

  /**
   * Runs exactly one planned step, its needs assumed done, on GPUs an outside engine chose (a
   * Jenkins node and its locked GPUs). Used by the Jenkins library through {@code baton step}.
   */
  public RunOutcome runStep(
      BatonConfig config, String stepId, String agent, List<Integer> gpus, String runId) {
    Prepared p = Prepared.single(config, stepId, agent, gpus);
    return execute(
        config, p, runId == null || runId.isEmpty() ? RunIds.next(Instant.now()) : runId);
  }

  private RunOutcome execute(BatonConfig config, Prepared p, String runId) {
    Instant now = Instant.now();
    Path workspace = p.plan().descriptor().workspace();
    Path runsRoot = ReportDirs.runsRoot(workspace);
    Path reportDir =
        ReportDirs.create(
            config.reportDir().map(Path::toAbsolutePath).orElse(runsRoot.resolve(runId)));
    if (config.reportDir().isEmpty()) {
      ReportDirs.linkLatest(runsRoot, reportDir);
    }
    events.accept(
        new RunEvent.RunStarted(runId, p.plan().pipeline(), reportDir, p.plan().steps().size()));
    RunSettings settings =
        new RunSettings(
            runId,
            p.plan().pipeline(),
            p.plan().descriptor().workspace(),
            reportDir,
            config.parallel(),
            config.failFast(),
            environment,
            KILL_GRACE,
            p.executor().assignsGpus(),
            now.toEpochMilli(),
            !config.noCache());
    EngineResult result;
    try (StepExecutor executor = p.executor().open()) {
      RunEngine engine = new RunEngine(p.plan(), p.agents(), executor, events, settings);
      current = engine;
      if (cancelled) {
        engine.cancel();
      }
      result = engine.run();
    } finally {
      current = null;
    }
    RunRecord record = RunRecords.of(runId, p, config, result);
    ReportWriter.writeAll(record, reportDir, environment);
    events.accept(new RunEvent.RunFinished(record, reportDir));
    return new RunOutcome(record, reportDir);
  }
}
