package dev.baton.core.exec.slurm;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Feasibility;
import dev.baton.core.agents.Gpu;
import dev.baton.core.agents.GpuModels;
import dev.baton.core.agents.LabelExpression;
import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.exec.ExitFiles;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.os.DaemonThreads;
import dev.baton.core.plan.PlannedStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs each attempt as a Slurm batch job: {@code sbatch} with the step's GPUs, CPUs, memory, label
 * and time limit, output appended to the step's log. Slurm picks the node and binds the GPUs (it
 * sets {@code CUDA_VISIBLE_DEVICES}); Baton keeps the order of the steps and submits a step only
 * once what it needs has succeeded. In {@link SlurmMode#ALLOCATION} mode, the pilot of an
 * allocation Baton holds on the node starts each attempt with the GPUs Baton gave it ({@link
 * Allocations}, {@link Pilot}); a step spanning several nodes still goes as its own job.
 */
public final class SlurmExecutor implements StepExecutor {
  private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(60);

  private final SlurmSettings settings;
  private final String pipeline;
  private final Supplier<List<Agent>> nodes;
  private final SlurmCli cli;
  private final JobPoller poller;
  private final JobAccounting accounting;
  private final ScheduledExecutorService control =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("baton-slurm-control"));
  private final Map<String, SlurmNodeSelection> selections = new ConcurrentHashMap<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(DaemonThreads.named("baton-slurm-allocation"));
  private final Allocations allocations;
  private final PilotWatch pilots;

  /**
   * An executor for the steps of {@code pipeline} on the cluster whose nodes are {@code nodes}
   * (from {@link SlurmInventory#read()}, which the run's before-run check already needed).
   */
  public SlurmExecutor(SlurmSettings settings, String pipeline, List<Agent> nodes) {
    this(settings, pipeline, () -> nodes, new ProcessSlurmCli(), Optional.empty());
  }

  /**
   * As above, for the steps of {@code steps}: in allocation mode the allocations' time limit covers
   * them all ({@link Allocations#timeLimit}).
   */
  public SlurmExecutor(
      SlurmSettings settings, String pipeline, List<Agent> nodes, List<PlannedStep> steps) {
    this(settings, pipeline, () -> nodes, new ProcessSlurmCli(), Allocations.timeLimit(steps));
  }

  /** As above, reading the nodes from {@code sinfo} when the first step is launched. */
  public SlurmExecutor(SlurmSettings settings, String pipeline) {
    this(settings, pipeline, SlurmInventory::read, new ProcessSlurmCli(), Optional.empty());
  }

  SlurmExecutor(
      SlurmSettings settings, String pipeline, Supplier<List<Agent>> nodes, SlurmCli cli) {
    this(settings, pipeline, nodes, cli, Optional.empty());
  }

  SlurmExecutor(
      SlurmSettings settings,
      String pipeline,
      Supplier<List<Agent>> nodes,
      SlurmCli cli,
      Optional<Duration> allocationLimit) {
    this.allocations = new Allocations(cli, settings, pipeline, allocationLimit, threads, control);
    this.pilots = new PilotWatch(allocations, threads);
    this.settings = settings;
    this.pipeline = pipeline;
    this.nodes = memoize(nodes);
    this.cli = cli;
    this.poller = new JobPoller(cli, settings.pollInterval());
    this.accounting = new JobAccounting(cli);
  }

  @Override
  public String name() {
    return "slurm";
  }

  @Override
  public StepHandle launch(StepLaunch launch) {
    if (!Files.isDirectory(launch.workdir())) {
      return failed(
          "working directory " + launch.workdir() + " does not exist; create it or fix 'workdir'");
    }
    AgentRequest request = launch.step().agent();
    SlurmNodeSelection where =
        selections.computeIfAbsent(
            request.label(), l -> SlurmNodeSelection.of(LabelExpression.parse(l), nodes.get()));
    // Baton places Slurm steps on one pooled agent; the allocation goes to the first node that
    // could run the step, so steps of one shape share one allocation.
    Optional<Agent> node =
        node(launch.agent())
            .or(() -> nodes.get().stream().filter(n -> Feasibility.fits(request, n)).findFirst());
    if (settings.mode() == SlurmMode.ALLOCATION && !request.distributed() && node.isPresent()) {
      return inAllocation(launch, node.get());
    }
    Path script;
    try {
      Files.createDirectories(launch.log().toAbsolutePath().getParent());
      script = BatchScript.write(launch);
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot write the batch script of step "
              + launch.stepId()
              + " ("
              + e.getMessage()
              + "): the report directory must be writable and shared with the Slurm nodes",
          e);
    }
    Path env = BatchScript.envPath(launch);
    List<String> argv =
        SbatchArguments.build(launch, settings, jobName(launch), gresType(request), where, script);
    SlurmCli.Result result;
    try {
      result = cli.run(argv, SUBMIT_TIMEOUT);
    } catch (IOException e) {
      deleteQuietly(env);
      throw SlurmErrors.notInstalled("sbatch", e);
    }
    if (!result.ok()) {
      deleteQuietly(env);
      throw SlurmErrors.rejected(launch.stepId(), result);
    }
    String jobId = jobId(result.stdout());
    JobFacts facts = new JobFacts(jobId);
    CompletableFuture<ExitStatus> exit =
        poller
            .follow(
                jobId,
                launch.stepId(),
                row -> {
                  deleteQuietly(env);
                  facts.seen(row);
                })
            .thenCompose(
                status ->
                    accounting
                        .finished(jobId)
                        .thenApply(
                            job -> {
                              facts.accounted(job);
                              return status;
                            }));
    return new SlurmStepHandle(jobId, exit, facts, poller, control, cli);
  }

  /**
   * An attempt the pilot of the allocation Baton holds on the node runs: the allocation is made
   * when the first step lands on the node, and the attempt starts once it runs and its GPUs are
   * free.
   */
  private StepHandle inAllocation(StepLaunch launch, Agent node) {
    Path script;
    try {
      Files.createDirectories(launch.log().toAbsolutePath().getParent());
      Files.deleteIfExists(ExitFiles.of(launch.log(), launch.attempt()));
      script = BatchScript.write(launch);
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot write the step script of step "
              + launch.stepId()
              + " ("
              + e.getMessage()
              + "): the report directory must be writable and shared with the Slurm nodes",
          e);
    }
    Path env = BatchScript.envPath(launch);
    Path records = launch.log().toAbsolutePath().resolveSibling("slurm");
    PilotAttempt attempt =
        PilotAttempt.start(
            launch,
            script,
            allocations.on(node, records),
            allocations.gpus(node),
            pilots,
            control,
            () -> deleteQuietly(env));
    // Once its exit is known (success, failure or loss): the allocation may then go idle.
    var unused = attempt.exit().whenComplete((status, error) -> allocations.done(node.name()));
    return attempt;
  }

  private Optional<Agent> node(String name) {
    return nodes.get().stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** {@code <pipeline>.<step id>}: what {@code squeue} shows the cluster's users. */
  String jobName(StepLaunch launch) {
    return pipeline.isBlank() ? launch.stepId() : pipeline + "." + launch.stepId();
  }

  /** The GPU type as the cluster spells it ({@code A100} asked, {@code a100} configured). */
  String gresType(AgentRequest request) {
    String wanted = GpuModels.label(request.gpuModel());
    if (request.gpus() == 0 || wanted.isEmpty()) {
      return "";
    }
    for (Agent node : nodes.get()) {
      for (Gpu gpu : node.gpus()) {
        if (!gpu.model().isEmpty() && GpuModels.label(gpu.model()).equalsIgnoreCase(wanted)) {
          return gpu.model();
        }
      }
    }
    return request.gpuModel().strip();
  }

  /** {@code sbatch --parsable} prints {@code 123} or {@code 123;cluster}. */
  static String jobId(String stdout) {
    String first = stdout.strip().split("\\R", -1)[0];
    int semicolon = first.indexOf(';');
    String id = semicolon >= 0 ? first.substring(0, semicolon) : first;
    if (!id.strip().matches("\\d+")) {
      throw new InfrastructureException(
          "sbatch answered '"
              + first
              + "' instead of a job id: check the sbatch on PATH is Slurm's");
    }
    return id.strip();
  }

  /** Cancels what still runs, so no job outlives the run holding GPUs. */
  @Override
  public void close() {
    List<String> active = poller.active();
    if (!active.isEmpty()) {
      try {
        List<String> argv = new ArrayList<>(List.of("scancel"));
        argv.addAll(active);
        cli.run(argv, Duration.ofSeconds(30));
      } catch (IOException e) {
        // nothing more to do: the jobs end at their time limit
      }
    }
    pilots.close();
    allocations.close();
    poller.close();
    accounting.close();
    control.shutdownNow();
    threads.shutdownNow();
  }

  private static StepHandle failed(String why) {
    return StepHandle.finished(ExitStatus.couldNotLaunch(why));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // it is readable by its owner only; a leftover file is not worth failing a step for
    }
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private @Nullable T value;

      @Override
      public synchronized T get() {
        T known = value;
        if (known == null) {
          known = supplier.get();
          value = known;
        }
        return known;
      }
    };
  }
}
