package dev.baton.core.api;

import dev.baton.core.agents.Agent;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.engine.EngineResult;
import dev.baton.core.engine.LeaseGates;
import dev.baton.core.engine.PriorStep;
import dev.baton.core.engine.RunEngine;
import dev.baton.core.engine.RunSettings;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.UsageException;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.local.LocalExecutor;
import dev.baton.core.history.AliasFigures;
import dev.baton.core.notify.Webhooks;
import dev.baton.core.plan.Expansions;
import dev.baton.core.plan.Plan;
import dev.baton.core.record.DynamicCell;
import dev.baton.core.record.RunRecord;
import dev.baton.core.report.ReportWriter;
import dev.baton.core.secrets.JsonMasking;
import dev.baton.core.secrets.RecordMasking;
import dev.baton.core.secrets.RunSecrets;
import dev.baton.core.secrets.SecretResolver;
import dev.baton.core.state.JournalEntry;
import dev.baton.core.state.JournalReader;
import dev.baton.core.state.ResumePoint;
import dev.baton.core.state.RunJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
  private volatile @Nullable RunEngine current;
  private volatile boolean cancelled;
  private volatile boolean stoppedNow;

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
    return Planning.plan(config, environment);
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

  /**
   * Asks a running {@link #run} to stop at once, after {@link #cancel}: cleanup steps (a {@code
   * when} with always(), failure() or cancelled()), which a cancel lets run, are stopped too and
   * the run ends; it still writes its reports. Safe from any thread.
   */
  public void stopNow() {
    cancelled = true;
    stoppedNow = true;
    RunEngine engine = current;
    if (engine != null) {
      engine.cancel();
      engine.stopNow();
    }
  }

  /**
   * Runs the pipeline and writes its reports; returns how it ended. Holds the workspace's {@link
   * WorkspaceLock} throughout: a second run of the same workspace fails at once. A {@linkplain
   * BatonConfig#dryRun dry run} only plans: it starts no step, takes no lock and writes nothing,
   * and returns the plan in {@link RunOutcome#dryRunPlan}.
   */
  public RunOutcome run(BatonConfig config) {
    if (config.dryRun()) {
      return RunOutcome.dryRun(config, plan(config));
    }
    // Binding the C library (JNA runs ldconfig once) overlaps reading and planning.
    LocalExecutor.prepareInBackground();
    Prepared p = Prepared.of(config, environment, events);
    Path workspace = p.plan().descriptor().workspace();
    if (config.resume().isPresent()) {
      return resume(config, p, config.resume().get());
    }
    String runId = RunIds.next(Instant.now());
    try (WorkspaceLock lock = WorkspaceLock.acquire(workspace, runId, events)) {
      LeftRuns.warning(workspace, lock.brokenRun()).ifPresent(events::accept);
      return execute(config, p, runId, Journaling.FRESH);
    }
  }

  // "try": the workspace lock is held for the block's extent, never read (javac's lint asks for a
  // use of it).
  @SuppressWarnings("try")
  private RunOutcome resume(BatonConfig config, Prepared p, String idOrLatest) {
    Path workspace = p.plan().descriptor().workspace();
    Path runsRoot = ReportDirs.runsRoot(workspace);
    // A run that wrote to a report directory of the user's choice is resumed from there.
    Path reportDir =
        config.reportDir().isPresent()
            ? Resumption.runDir(config.reportDir().get().toAbsolutePath(), ".")
            : Resumption.runDir(runsRoot, idOrLatest);
    ResumePoint point = ResumePoint.of(JournalReader.read(reportDir));
    Resumption.checkSamePlan(point, p.plan());
    String runId = point.began().runId();
    if (!idOrLatest.equals("latest") && !idOrLatest.equals(runId)) {
      throw new UsageException(
          "cannot resume run "
              + idOrLatest
              + ": "
              + reportDir
              + " holds run "
              + runId
              + "; pass that id or 'latest'");
    }
    // Held before anything left behind is stopped: a Baton still running this run keeps it.
    try (WorkspaceLock lock = WorkspaceLock.acquire(workspace, runId, events)) {
      return execute(config, p, runId, new Journaling(true, point, reportDir));
    }
  }

  /** How a run keeps its journal: a new one, or the one of the run it resumes. */
  private record Journaling(
      boolean kept,
      @Nullable ResumePoint point,
      @Nullable Path reportDir,
      @Nullable DynamicCell cell) {
    static final Journaling FRESH = new Journaling(true, null, null, null);
    static final Journaling NONE = new Journaling(false, null, null, null);

    Journaling(boolean kept, @Nullable ResumePoint point, @Nullable Path reportDir) {
      this(kept, point, reportDir, null);
    }
  }

  /**
   * Runs exactly one planned step, its needs assumed done, on GPUs an outside engine chose (a
   * Jenkins node and its locked GPUs). Used by the Jenkins library through {@code baton step},
   * which runs several steps of one workspace at once: it takes no {@link WorkspaceLock}.
   */
  public RunOutcome runStep(
      BatonConfig config, String stepId, String agent, List<Integer> gpus, String runId) {
    if (config.dryRun()) {
      return RunOutcome.dryRun(config, plan(config.toBuilder().only(Set.of(stepId)).build()));
    }
    LocalExecutor.prepareInBackground();
    Prepared p = Prepared.single(config, stepId, agent, gpus);
    return execute(
        config,
        p,
        runId == null || runId.isEmpty() ? RunIds.next(Instant.now()) : runId,
        Journaling.NONE);
  }

  /**
   * Like {@link #runStep(BatonConfig, String, String, List, String)}, with the run records of the
   * step's needs, which ran elsewhere ({@code needsRecords}: report directories holding run.json,
   * or run.json files): the step's fields that read {@code needs.*} are resolved from them, and
   * {@code stepId} may name a cell of a dynamic step ({@code train[shard=3]}), made from the same
   * records as {@link #expand} makes it.
   */
  public RunOutcome runStep(
      BatonConfig config,
      String stepId,
      String agent,
      List<Integer> gpus,
      String runId,
      List<Path> needsRecords) {
    return runStep(config, stepId, agent, gpus, runId, needsRecords, false);
  }

  /**
   * Like {@link #runStep(BatonConfig, String, String, List, String, List)}; {@code runCancelled}:
   * the run this step belongs to was stopped, so {@code cancelled()} in its {@code when} holds (a
   * cleanup step that an outside engine runs after its build was aborted).
   */
  public RunOutcome runStep(
      BatonConfig config,
      String stepId,
      String agent,
      List<Integer> gpus,
      String runId,
      List<Path> needsRecords,
      boolean runCancelled) {
    if (needsRecords.isEmpty() && !runCancelled) {
      return runStep(config, stepId, agent, gpus, runId);
    }
    LocalExecutor.prepareInBackground();
    Plan full = plan(config.toBuilder().only(Set.of()).kind(null).build());
    NeedsRecords records = NeedsRecords.read(needsRecords);
    OutsideStep.Found found = OutsideStep.find(full, stepId, records, runCancelled);
    Prepared p = Prepared.single(full, found.step(), agent, gpus);
    return execute(
        config,
        p,
        runId == null || runId.isEmpty() ? RunIds.next(Instant.now()) : runId,
        new Journaling(false, null, null, found.cell()));
  }

  /**
   * Expands dynamic step {@code step} from the run records of its needs, which ran elsewhere (see
   * {@link #runStep(BatonConfig, String, String, List, String, List)}): its cells as planned steps,
   * or why it failed or has none. Runs nothing.
   */
  public Expanded expand(BatonConfig config, String step, List<Path> needsRecords) {
    Plan full = plan(config.toBuilder().only(Set.of()).kind(null).build());
    return new Expanded(full, OutsideStep.expand(full, step, NeedsRecords.read(needsRecords)));
  }

  /** A dynamic step's expansion, and the plan it belongs to. */
  public record Expanded(Plan plan, Expansions.Expansion expansion) {}

  private RunOutcome execute(BatonConfig config, Prepared p, String runId, Journaling journaling) {
    // Opened before anything is written: an executor that cannot work (a misspelt
    // launcher) fails the run with no report directory or journal half made.
    try (StepExecutor executor = p.executor().open()) {
      return execute(config, p, runId, journaling, executor);
    }
  }

  private RunOutcome execute(
      BatonConfig config,
      Prepared prepared,
      String runId,
      Journaling journaling,
      StepExecutor executor) {
    // A resumed run keeps the cells its dynamic steps made before it stopped.
    Prepared p =
        journaling.point() == null
            ? prepared
            : prepared.withPlan(
                Expansions.withExpansions(prepared.plan(), journaling.point().expansions()));
    RunSecrets secrets = SecretResolver.forPlan(p.plan(), environment);
    Optional<Path> leaseDirectory =
        LeaseGates.directory(p.plan(), p.executor().assignsGpus(), environment);
    Instant now = Instant.now();
    Path workspace = p.plan().descriptor().workspace();
    Path runsRoot = ReportDirs.runsRoot(workspace);
    Path reportDir =
        journaling.reportDir() != null
            ? journaling.reportDir()
            : ReportDirs.create(
                config.reportDir().map(Path::toAbsolutePath).orElse(runsRoot.resolve(runId)));
    if (config.reportDir().isEmpty()) {
      ReportDirs.linkLatest(runsRoot, reportDir);
    }
    Map<String, PriorStep> prior = Map.of();
    RunJournal journal;
    if (!journaling.kept()) {
      journal = RunJournal.NONE;
    } else if (journaling.point() == null) {
      journal = RunJournal.create(reportDir, JsonMasking.ofText(secrets.masker()));
      journal.write(
          new JournalEntry.RunBegan(1, runId, p.plan().pipeline(), PlanDigest.of(p.plan()), now));
    } else {
      journal = RunJournal.append(reportDir, JsonMasking.ofText(secrets.masker()));
      journal.write(new JournalEntry.RunResumed(now));
      Resumption resumption = new Resumption();
      prior = resumption.settle(journaling.point(), p.plan(), reportDir, KILL_GRACE, journal);
      events.accept(
          new RunEvent.Notice(
              RunEvent.Level.INFO, resumption.summary(runId, p.plan().steps().size())));
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
            secrets,
            !config.noCache(),
            leaseDirectory,
            config.leaseTimeout(),
            // A single step run for an outside engine (Jenkins) is not the whole run: no limit.
            !journaling.kept()
                ? Optional.empty()
                : config.runTimeout().or(() -> p.plan().descriptor().timeout()),
            AliasFigures.of(p.plan().descriptor().workspace(), environment));
    EngineResult result;
    RunEngine engine;
    try (journal) {
      executor.notice().ifPresent(n -> events.accept(new RunEvent.Notice(RunEvent.Level.INFO, n)));
      engine = new RunEngine(p.plan(), p.agents(), executor, events, settings, journal, prior);
      current = engine;
      if (cancelled) {
        engine.cancel();
      }
      if (stoppedNow) {
        engine.stopNow();
      }
      result = engine.run();
    } finally {
      current = null;
    }
    if (cancelled && !result.cancelled()) {
      // Cancelled as the engine ended: a cancel received counts, whenever it came.
      result =
          new EngineResult(
              result.startedAt(), result.endedAt(), result.steps(), true, result.timedOut());
    }
    if (journaling.point() != null) {
      // The run began with the first Baton, not with this one.
      result =
          new EngineResult(
              journaling.point().startedAt(),
              result.endedAt(),
              result.steps(),
              result.cancelled(),
              result.timedOut());
    }
    if (journaling.cell() != null) {
      // One cell of a dynamic step run on its own: its place is the expansion's, not this run's.
      result = OutsideStep.withCell(result, journaling.cell());
    }
    RunRecord record =
        RecordMasking.mask(RunRecords.of(runId, p, config, result), secrets.masker());
    ReportWriter.writeAll(record, reportDir, environment);
    events.accept(new RunEvent.RunFinished(record, reportDir));
    new Webhooks().send(p.plan().descriptor().notifications(), record, environment, events);
    if (engine.journalFailure().isPresent()) {
      // The run was stopped because it could no longer be resumed; its reports are written.
      throw engine.journalFailure().get();
    }
    return new RunOutcome(record, reportDir);
  }
}
