package dev.baton.core.stages;

import dev.baton.core.descriptor.DeploySpec;
import dev.baton.core.descriptor.StageSpec;
import dev.baton.core.errors.BatonException;
import dev.baton.core.errors.FrontEndWords;
import dev.baton.core.exec.AttemptProcess;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.ReapedUsage;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.StepLauncher;
import dev.baton.core.os.DaemonThreads;
import dev.baton.core.secrets.Masker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Launches validate, benchmark and deploy steps: their commands run through the step's executor,
 * one at a time, on a small pool of daemon threads so the engine thread never waits; plain steps go
 * straight to the executor. The attempt exits 0 when the stage passes, 1 when a gate, a regression
 * or a rollout fails.
 */
public final class StageLauncher implements StepLauncher {
  /** Names the pipeline baselines are filed under; set by the planner for stage steps. */
  public static final String PIPELINE_VARIABLE = "BATON_PIPELINE";

  /** The descriptor's directory, where {@code .baton/baselines} lives; set by the planner. */
  public static final String WORKSPACE_VARIABLE = "BATON_WORKSPACE";

  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(DaemonThreads.named("baton-stage"));

  private final StepExecutor executor;
  private final Masker masker;
  private final AliasBaselines aliases;

  /**
   * @param masker masks the run's secrets in what stages write themselves (the benchmark files);
   *     logs and the run record are masked by the engine
   */
  public StageLauncher(StepExecutor executor, Masker masker) {
    this(executor, masker, AliasBaselines.NONE);
  }

  /**
   * A launcher whose gates can compare with the figures behind a model's alias ({@code aliases}).
   */
  public StageLauncher(StepExecutor executor, Masker masker, AliasBaselines aliases) {
    this.executor = executor;
    this.masker = masker;
    this.aliases = aliases;
  }

  @Override
  public StepHandle launch(StepLaunch launch) {
    if (launch.step().spec().stage().isEmpty()) {
      return executor.launch(launch);
    }
    StageSpec stage = launch.step().spec().stage().get();
    StageCommands commands = new StageCommands(executor, launch);
    Handle handle = new Handle(commands);
    POOL.execute(() -> handle.complete(run(stage, commands, masker, aliases)));
    return handle;
  }

  private static StageResult run(
      StageSpec stage, StageCommands commands, Masker masker, AliasBaselines aliases) {
    Map<String, String> env = commands.launch().env();
    Path workspace =
        Path.of(env.getOrDefault(WORKSPACE_VARIABLE, commands.launch().workdir().toString()));
    try {
      String fingerprint = HardwareFingerprint.of(commands);
      StageContext ctx =
          new StageContext(
              commands,
              BaselineStore.of(workspace, env),
              env.getOrDefault(PIPELINE_VARIABLE, "pipeline"),
              fingerprint,
              masker,
              aliases);
      if (stage instanceof StageSpec.Validate v) {
        return ValidateStage.run(v, ctx);
      }
      if (stage instanceof StageSpec.Benchmark b) {
        return BenchmarkStage.run(b, ctx);
      }
      return DeployStage.run((DeploySpec) stage, ctx);
    } catch (StageException e) {
      return StageResult.failed(e.userMessage(), Map.of());
    } catch (BatonException e) {
      // A store the stage reads (the run history behind an alias) that cannot be read: said once.
      return StageResult.failed(e.describe(FrontEndWords.NEUTRAL), Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return StageResult.failed("interrupted", Map.of());
    } catch (RuntimeException e) {
      // The attempt must always end, or the run would wait for it forever.
      return StageResult.failed("the stage failed unexpectedly (a bug in Baton): " + e, Map.of());
    }
  }

  /**
   * The attempt as the engine sees it. It has no process of its own (its commands run from a thread
   * of Baton's), so its {@link #started()} names no group; each command's group or job is a
   * {@linkplain #onLaterProcess later process} of the attempt.
   */
  private static final class Handle implements StepHandle {
    private final StageCommands commands;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private volatile Map<String, Object> results = Map.of();

    Handle(StageCommands commands) {
      this.commands = commands;
    }

    void complete(StageResult result) {
      results = result.results();
      commands.note((result.passed() ? "passed: " : "FAILED: ") + result.message());
      exit.complete(ExitStatus.exited(result.passed() ? 0 : 1));
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
      return exit;
    }

    @Override
    public void stop(Duration grace) {
      commands.stop(grace);
    }

    @Override
    public Map<String, Object> results() {
      return results;
    }

    @Override
    public void onLaterProcess(Consumer<AttemptProcess> listener) {
      commands.processes().listen(listener);
    }

    @Override
    public Optional<ReapedUsage> reapedUsage() {
      return commands.reapedUsage();
    }
  }
}
