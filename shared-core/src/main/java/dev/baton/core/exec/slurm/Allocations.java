package dev.baton.core.exec.slurm;

import dev.baton.core.agents.Agent;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.plan.PlannedStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The allocations Baton holds in allocation mode: one job per node it places steps on, submitted
 * when the first step lands there (and again when one lands there after an idle allocation was
 * given back, {@link SlurmSettings#allocationIdle()}), asking for the node's GPUs and cores and a
 * time limit that covers every step. Its batch script is Baton's {@link Pilot}, which starts the
 * attempts Baton asks for. Each id is appended to {@code logs/slurm/allocations} in the report
 * directory the moment sbatch answers, so that a resumed run finds and cancels what a killed Baton
 * left ({@link LeftSlurmJobs#releaseAllocations}).
 */
final class Allocations implements AutoCloseable {
  /** The file beside the batch scripts that lists the run's allocations, one job id a line. */
  static final String RECORD = "allocations";

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FIRST_LOOK = Duration.ofMillis(50);
  private static final Duration LONGEST_LOOK = Duration.ofSeconds(1);
  private static final long READY_LOOK_MILLIS = 10;
  private static final Duration PILOT_START = Duration.ofSeconds(60);

  private final SlurmCli cli;
  private final SlurmSettings settings;
  private final String jobName;
  private final Optional<Duration> timeLimit;
  private final ExecutorService threads;
  private final ScheduledExecutorService timers;
  private final Map<String, CompletableFuture<Pilot>> byNode = new ConcurrentHashMap<>();
  // Guarded by this: per node, the attempts that use or wait for its allocation, and the release
  // planned once none does.
  private final Map<String, Integer> users = new HashMap<>();
  private final Map<String, ScheduledFuture<?>> idleRelease = new HashMap<>();
  private final Map<String, NodeGpus> gpus = new ConcurrentHashMap<>();
  private final List<String> submitted = new ArrayList<>();
  private volatile boolean closed;

  Allocations(
      SlurmCli cli,
      SlurmSettings settings,
      String pipeline,
      Optional<Duration> timeLimit,
      ExecutorService threads,
      ScheduledExecutorService timers) {
    this.timers = timers;
    this.cli = cli;
    this.settings = settings;
    this.jobName = (pipeline.isBlank() ? "baton" : pipeline) + ".allocation";
    this.timeLimit = timeLimit;
    this.threads = threads;
  }

  /**
   * How long an allocation must be able to live: every attempt of every step one after the other,
   * plus a minute; empty (the partition's limit) when a step has no timeout.
   */
  static Optional<Duration> timeLimit(List<PlannedStep> steps) {
    Duration sum = Duration.ofMinutes(1);
    for (PlannedStep s : steps) {
      if (s.timeout().isEmpty()) {
        return Optional.empty();
      }
      sum = sum.plus(s.timeout().get().multipliedBy(1L + Math.max(0, s.retry().limit())));
    }
    return Optional.of(sum);
  }

  /**
   * The pilot of the running allocation on {@code node}, once it runs, for one attempt that calls
   * {@link #done} when it ends; submitted on the first call for the node (or the first after an
   * idle allocation was given back), with its id recorded in {@code recordDir} and its spool
   * directory under it.
   */
  synchronized CompletableFuture<Pilot> on(Agent node, Path recordDir) {
    users.merge(node.name(), 1, Integer::sum);
    ScheduledFuture<?> planned = idleRelease.remove(node.name());
    if (planned != null) {
      planned.cancel(false);
    }
    return byNode.computeIfAbsent(
        node.name(), n -> CompletableFuture.supplyAsync(() -> start(node, recordDir), threads));
  }

  /**
   * An attempt that used the allocation on {@code node} has ended; once none uses it for the idle
   * time, it is given back ({@link #releaseIfIdle}).
   */
  synchronized void done(String node) {
    int left = users.merge(node, -1, Integer::sum);
    if (left > 0 || closed) {
      return;
    }
    users.remove(node);
    try {
      idleRelease.put(
          node,
          // The cancel waits for Slurm: on a pool thread, not on the timer's.
          timers.schedule(
              () -> threads.execute(() -> releaseIfIdle(node)),
              settings.allocationIdle().toMillis(),
              TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      // the executor is closing: close() releases every allocation
    }
  }

  /**
   * Gives back the allocation on {@code node} if still no attempt uses it: Slurm gets its GPUs back
   * for other users' jobs while the run does other work. An allocation that failed to start is
   * forgotten, so the next step for the node tries a new one.
   */
  private void releaseIfIdle(String node) {
    CompletableFuture<Pilot> allocation;
    synchronized (this) {
      allocation = byNode.get(node);
      if (closed || users.containsKey(node) || allocation == null || !allocation.isDone()) {
        return;
      }
      byNode.remove(node);
      idleRelease.remove(node);
    }
    if (allocation.isCompletedExceptionally()) {
      return;
    }
    String id = allocation.join().jobId();
    // Still listed while it is cancelled: a run closing meanwhile cancels it too.
    SlurmCancel.cancelAndWait(cli, List.of(id), CALL_TIMEOUT);
    synchronized (submitted) {
      submitted.remove(id);
    }
  }

  /** The GPUs of the allocation on {@code node}, as Baton hands them to its steps. */
  NodeGpus gpus(Agent node) {
    return gpus.computeIfAbsent(node.name(), n -> new NodeGpus(node.gpus().size()));
  }

  /** The pilots whose allocations have started. */
  List<Pilot> pilots() {
    List<Pilot> started = new ArrayList<>();
    for (CompletableFuture<Pilot> p : byNode.values()) {
      if (p.isDone() && !p.isCompletedExceptionally()) {
        started.add(p.join());
      }
    }
    return started;
  }

  private Pilot start(Agent node, Path recordDir) {
    if (closed) {
      throw new InfrastructureException("the Slurm executor is closing; no allocation was made");
    }
    Path spool;
    try {
      spool = Pilot.prepare(recordDir, node.name());
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot prepare the pilot's directory in "
              + recordDir
              + " ("
              + e.getMessage()
              + "); the report directory must be writable and shared with the Slurm nodes",
          e);
    }
    List<String> argv = sbatch(node, spool);
    SlurmCli.Result result;
    try {
      result = cli.run(argv, CALL_TIMEOUT);
    } catch (IOException e) {
      throw SlurmErrors.notInstalled("sbatch", e);
    }
    if (!result.ok()) {
      throw new InfrastructureException(
          "Slurm refused the allocation on node "
              + node.name()
              + ": "
              + result.firstError()
              + "; check the partition and account allow whole-node jobs, or use the job mode");
    }
    String id = SlurmExecutor.jobId(result.stdout());
    synchronized (submitted) {
      submitted.add(id);
    }
    record(recordDir, id);
    if (closed) {
      release();
      throw new InfrastructureException(
          "the Slurm executor closed while allocation " + id + " started");
    }
    Pilot pilot = new Pilot(id, node.name(), spool);
    awaitPilot(pilot);
    return pilot;
  }

  /**
   * The allocation: the whole node's GPUs and cores and all its memory, running the pilot until
   * cancelled.
   */
  static List<String> sbatch(
      Agent node, Path spool, String jobName, SlurmSettings settings, Optional<Duration> limit) {
    List<String> args = new ArrayList<>();
    args.add("sbatch");
    args.add("--parsable");
    args.add("--job-name=" + jobName);
    args.add("--nodes=1");
    args.add("--nodelist=" + node.name());
    args.add("--exclusive");
    args.add("--mem=0");
    args.add("--no-requeue");
    args.add("--output=" + spool.toAbsolutePath().resolve("pilot.log"));
    if (!node.gpus().isEmpty()) {
      args.add("--gres=gpu:" + node.gpus().size());
    }
    settings.partition().ifPresent(p -> args.add("--partition=" + p));
    settings.account().ifPresent(a -> args.add("--account=" + a));
    settings.qos().ifPresent(q -> args.add("--qos=" + q));
    limit.ifPresent(t -> args.add("--time=" + SbatchArguments.minutes(t)));
    args.addAll(settings.extraArgs());
    args.add(spool.toAbsolutePath().resolve(Pilot.SCRIPT).toString());
    args.add(spool.toAbsolutePath().toString());
    return args;
  }

  private List<String> sbatch(Agent node, Path spool) {
    return sbatch(node, spool, jobName, settings, timeLimit);
  }

  private static void record(Path dir, String id) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(RECORD),
          id + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot record Slurm allocation "
              + id
              + " in "
              + dir
              + " ("
              + e.getMessage()
              + "); the report directory must be writable",
          e);
    }
  }

  /**
   * Waits until the allocation's pilot has started (its {@code ready} file, looked for every
   * {@value #READY_LOOK_MILLIS} ms), asking Slurm now and then whether the allocation ended before
   * it ran.
   */
  private void awaitPilot(Pilot pilot) {
    String id = pilot.jobId();
    long nextAsk = 0;
    long askEvery = FIRST_LOOK.toNanos();
    long runningSince = 0;
    while (!closed) {
      if (pilot.ready()) {
        return;
      }
      long now = System.nanoTime();
      if (now >= nextAsk) {
        String state = state(id);
        if (!state.isEmpty() && SlurmJobEnd.isTerminal(state)) {
          throw new InfrastructureException(
              "Slurm allocation "
                  + id
                  + " on node "
                  + pilot.node()
                  + " ended before it ran ("
                  + state
                  + "); its pilot's log is "
                  + pilot.spool().resolve("pilot.log"));
        }
        if (state.startsWith("RUNNING") && runningSince == 0) {
          runningSince = now;
        }
        if (runningSince != 0 && now - runningSince > PILOT_START.toNanos()) {
          throw new InfrastructureException(
              "Slurm allocation "
                  + id
                  + " runs, but its pilot did not start within "
                  + PILOT_START.toSeconds()
                  + " s (no "
                  + pilot.spool().resolve("ready")
                  + "): the report directory must be on a file system the nodes share, and"
                  + " /bin/sh must run there");
        }
        askEvery = Math.min(askEvery * 2, LONGEST_LOOK.toNanos());
        nextAsk = now + askEvery;
      }
      try {
        Thread.sleep(READY_LOOK_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InfrastructureException(
            "waiting for Slurm allocation " + id + " was interrupted");
      }
    }
    throw new InfrastructureException(
        "the Slurm executor closed while allocation " + id + " waited");
  }

  /** The job's state as squeue shows it; empty when squeue does not know it. */
  String state(String id) {
    try {
      SlurmCli.Result r = cli.run(SqueueOutput.command(List.of(id)), CALL_TIMEOUT);
      SqueueOutput.Row row = r.ok() ? SqueueOutput.parse(r.stdout()).get(id) : null;
      return row == null ? "" : row.state();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Whether Slurm says the allocation has ended (or no longer knows it); false while it cannot
   * tell, so a controller that is slow to answer loses no attempt.
   */
  boolean gone(String id) {
    try {
      SlurmCli.Result r = cli.run(SqueueOutput.command(List.of(id)), CALL_TIMEOUT);
      if (!r.ok()) {
        return SqueueOutput.allUnknown(r);
      }
      SqueueOutput.Row row = SqueueOutput.parse(r.stdout()).get(id);
      return row == null || SlurmJobEnd.isTerminal(row.state());
    } catch (IOException e) {
      return false;
    }
  }

  /** Cancels every allocation this run submitted: their steps end with them. */
  void release() {
    List<String> ids;
    synchronized (submitted) {
      ids = new ArrayList<>(submitted);
      submitted.clear();
    }
    SlurmCancel.cancelAndWait(cli, ids, CALL_TIMEOUT);
  }

  @Override
  public void close() {
    closed = true;
    release();
  }
}
