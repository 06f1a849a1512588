package dev.baton.core.exec.local;

import dev.baton.core.descriptor.Command;
import dev.baton.core.exec.ExitFiles;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.io.ParentDirectories;
import dev.baton.core.os.DaemonThreads;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs attempts as processes on this machine, each the leader of its own process group, its output
 * appended by the kernel straight to the step's log (no pipe through the JVM: no pump threads, no
 * deadlock, no heap growth with 100 MB of output, and a step that leaves a background process
 * holding its stdout still finishes the moment its main process exits — which Commons Exec's stream
 * pumpers, waiting for end-of-file, would not do).
 *
 * <p>How a process is started is the {@link LocalLauncher}: by default {@code posix_spawn} into a
 * new session, one exec per step as {@code make} does, which neither {@link ProcessBuilder} nor
 * Commons Exec can do (neither can start a process in a new process group).
 */
public final class LocalExecutor implements StepExecutor {
  private final LocalLauncher launcher;
  private final Optional<String> notice;
  private final Map<String, String> base = JobShell.baseEnvironment();
  private final @Nullable ReadyShells ready;
  // One shell forks one attempt at a time; a few of them fork in parallel on several cores.
  private final List<JobShell> shells = new ArrayList<>();
  private final int poolSize = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  private boolean shellMissing;
  // Watches stopping attempts' groups and KILLs what is left after the grace period (GroupStop).
  private final ScheduledThreadPoolExecutor killer = killer();
  // One thread waits in waitpid for each running attempt started by posix_spawn.
  private final ExecutorService reapers =
      Executors.newCachedThreadPool(DaemonThreads.named("baton-reaper"));

  /** Starts steps the way {@link LocalLauncher#configured()} says. */
  public LocalExecutor() {
    this(LocalLauncher.configured());
  }

  LocalExecutor(LocalLauncher launcher) {
    this(launcher, System.getenv());
  }

  /** With ready shells started with the environment {@code readyBase}, where they are used. */
  LocalExecutor(LocalLauncher launcher, Map<String, String> readyBase) {
    this.launcher = launcher.orFallback();
    this.notice =
        this.launcher == launcher
            ? Optional.empty()
            : Optional.of(
                "local steps start through the job shell, about five times the start-up cost of"
                    + " each step: posix_spawn cannot be used here ("
                    + Libc.PROBLEM
                    + ")");
    this.ready = this.launcher == LocalLauncher.READY_SHELLS ? new ReadyShells(readyBase) : null;
  }

  @Override
  public Optional<String> notice() {
    return notice;
  }

  /** Binds the native calls now, on the caller's thread (a front end's start-up thread). */
  public static void prepare() {
    NativeSpawn.available();
  }

  /** Binds the native calls on a background thread, so that the first step does not wait for it. */
  public static void prepareInBackground() {
    Thread t = new Thread(NativeSpawn::available, "baton-native-bind");
    t.setDaemon(true);
    t.start();
  }

  /** The pool of ready shells, where this executor starts steps in them. */
  @Nullable ReadyShells readyShells() {
    return ready;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public StepHandle launch(StepLaunch launch) {
    File workdir = launch.workdir().toFile();
    if (!workdir.isDirectory()) {
      return failed(
          "working directory " + launch.workdir() + " does not exist; create it or fix 'workdir'");
    }
    List<String> argv = argv(launch.command());
    String program = Executables.search(argv.get(0), launch.env().get("PATH"), workdir);
    if (program == null) {
      return failed(
          "cannot run program '"
              + argv.get(0)
              + "': not found"
              + (argv.get(0).contains("/") ? " or not executable" : " on PATH")
              + "; check the name, install it, or add its directory to PATH");
    }
    List<String> resolved = new ArrayList<>(argv);
    resolved.set(0, program);
    try {
      ParentDirectories.create(launch.log());
    } catch (IOException e) {
      return failed("cannot create the log directory " + launch.log().getParent() + ": " + e);
    }
    Path exitFile = ExitFiles.of(launch.log(), launch.attempt());
    if (launcher == LocalLauncher.SPAWN || launcher == LocalLauncher.READY_SHELLS) {
      return spawn(launch, resolved, exitFile);
    }
    JobShell shell = launcher == LocalLauncher.JOB_SHELL ? shell() : null;
    if (shell != null) {
      JobScript script =
          new JobScript(resolved, launch.env(), base, launch.workdir(), launch.log(), exitFile);
      if (script.expressible()) {
        return new JobHandle(shell, shell.launch(script), killer);
      }
    }
    return direct(resolved, launch, workdir);
  }

  /** One posix_spawn of /bin/sh, which runs the step and records its exit code as it ends. */
  private StepHandle spawn(StepLaunch launch, List<String> resolved, Path exitFile) {
    if (ready != null
        && launch.command() instanceof Command.Shell shell
        && launch.leaseDescriptors().isEmpty()) {
      StepHandle handle =
          ready.launch(
              shell.script(),
              launch.env(),
              launch.workdir(),
              launch.log(),
              exitFile,
              reapers,
              killer);
      if (handle != null) {
        return handle;
      }
    }
    List<String> argv =
        launch.command() instanceof Command.Shell shell
            ? ExitRecordingShell.script(shell.script(), exitFile, ExitRecordingShell.BATON)
            : ExitRecordingShell.program(resolved, exitFile, ExitRecordingShell.BATON);
    try {
      int pid =
          NativeSpawn.spawn(
              argv, launch.env(), launch.workdir(), launch.log(), launch.leaseDescriptors());
      return new SpawnedHandle(pid, exitFile, reapers, killer);
    } catch (IOException e) {
      // posix_spawn reports opening the log, entering the directory and exec'ing the shell alike.
      return failed(
          "cannot start the step ("
              + e.getMessage()
              + "); check that "
              + launch.log()
              + " can be written, "
              + launch.workdir()
              + " entered and "
              + ExitRecordingShell.SH
              + " run");
    }
  }

  /** The least busy job shell, starting another while the pool is not full; null without bash. */
  private synchronized @Nullable JobShell shell() {
    if (shellMissing) {
      return null;
    }
    JobShell idle = shells.stream().filter(s -> s.running() == 0).findFirst().orElse(null);
    if (idle == null && shells.size() < poolSize) {
      idle = JobShell.start();
      if (idle == null) {
        shellMissing = shells.isEmpty();
        return shells.isEmpty() ? null : least();
      }
      shells.add(idle);
    }
    return idle != null ? idle : least();
  }

  private JobShell least() {
    return shells.stream().min(Comparator.comparingInt(JobShell::running)).orElseThrow();
  }

  /**
   * Without bash: one process per attempt under setsid. Its group is recorded for a resume, which
   * stops it if it still runs; one that ended while Baton was down is run again (no exit file).
   */
  private StepHandle direct(List<String> resolved, StepLaunch launch, File workdir) {
    ProcessBuilder pb = new ProcessBuilder(ProcessGroups.wrap(resolved));
    pb.directory(workdir);
    pb.environment().clear();
    pb.environment().putAll(launch.env());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()));
    try {
      Process process = pb.start();
      return new LocalHandle(process, killer);
    } catch (IOException e) {
      return failed("cannot start '" + resolved.get(0) + "': " + e.getMessage());
    }
  }

  private static List<String> argv(Command command) {
    if (command instanceof Command.Argv a) {
      return a.args();
    }
    String script = ((Command.Shell) command).script();
    List<String> plain = SimpleCommands.argv(script);
    return plain != null ? plain : List.of("/bin/sh", "-c", script);
  }

  private static StepHandle failed(String why) {
    return StepHandle.finished(ExitStatus.couldNotLaunch(why));
  }

  private static ScheduledThreadPoolExecutor killer() {
    ScheduledThreadPoolExecutor killer =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("baton-killer"));
    // Closing waits for stops under way: Baton must not exit before it has KILLed what is left.
    killer.setContinueExistingPeriodicTasksAfterShutdownPolicy(true);
    killer.setRemoveOnCancelPolicy(true);
    return killer;
  }

  @Override
  public void close() {
    if (ready != null) {
      ready.close();
    }
    killer.shutdown();
    try {
      killer.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reapers.shutdown();
    List<JobShell> open;
    synchronized (this) {
      open = List.copyOf(shells);
      shells.clear();
    }
    open.forEach(JobShell::close);
  }

  /** An attempt started by the job shell. */
  private static final class JobHandle implements StepHandle {
    private final JobShell shell;
    private final JobShell.Job job;
    private final ScheduledExecutorService killer;
    private final GroupStop stopping = new GroupStop();
    private final CompletableFuture<ExitStatus> exit;

    JobHandle(JobShell shell, JobShell.Job job, ScheduledExecutorService killer) {
      this.shell = shell;
      this.job = job;
      this.killer = killer;
      this.exit = stopping.heldUntilOver(job.exit().thenApply(ExitStatus::exited));
      // A subshell TERMed before it set its trap ends without a word: once the group is empty,
      // the shell reports it at once, rather than at its next watch.
      CompletableFuture<Void> unused = stopping.over().thenRun(() -> shell.reportEnd(job));
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
      return exit;
    }

    @Override
    public long processGroup() {
      return job.processGroup().getNow(-1L);
    }

    @Override
    public CompletableFuture<Long> started() {
      return job.processGroup();
    }

    @Override
    public void stop(Duration grace) {
      stopping.begin(
          new GroupStop.Group() {
            @Override
            public void signal(String signal) {
              shell.signal(job, signal);
            }

            @Override
            public boolean anyLeft() {
              // Not forked yet: the shell will fork it, and the TERM sent waits for that.
              long group = job.processGroup().getNow(-1L);
              return group < 0 || ProcessGroups.anyLeft(group);
            }
          },
          grace,
          killer);
    }
  }

  /** A running process and its process group. */
  private static final class LocalHandle implements StepHandle {
    private final Process process;
    private final ScheduledExecutorService killer;
    private final GroupStop stopping = new GroupStop();
    private final CompletableFuture<ExitStatus> exit;

    LocalHandle(Process process, ScheduledExecutorService killer) {
      this.process = process;
      this.killer = killer;
      this.exit =
          stopping.heldUntilOver(process.onExit().thenApply(p -> ExitStatus.exited(p.exitValue())));
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
      return exit;
    }

    @Override
    public long processGroup() {
      return ProcessGroups.separate() ? process.pid() : -1;
    }

    @Override
    public void stop(Duration grace) {
      long pid = process.pid();
      ProcessHandle handle = process.toHandle();
      stopping.begin(
          new GroupStop.Group() {
            @Override
            public void signal(String signal) {
              ProcessGroups.signalGroup(pid, signal, handle);
            }

            @Override
            public boolean anyLeft() {
              return ProcessGroups.anyLeft(pid);
            }
          },
          grace,
          killer);
    }
  }
}
