package dev.baton.jenkins.runtime;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A Jenkins Pipeline runtime for tests that runs a Jenkinsfile and a shared library for real:
 * {@code sh} runs {@code /bin/sh -xe} in per-agent workspaces, {@code node(label)} chooses among
 * labelled {@link TestAgent}s and waits for a free executor, {@code lock} counts {@link
 * LockableResources} and waits, {@code parallel} runs its branches one piece of Groovy at a time as
 * Jenkins' single CPS thread does ({@link GroovyExecution}), {@code stash} copies files; each
 * step's arguments are checked against the real step's parameters ({@link StepSignatures}); every
 * step call is recorded in the {@link BuildRun}. Code runs through Jenkins' CPS interpreter unless
 * a test turns it off with {@link #cps(boolean)}. A test can abort a build ({@link
 * #abortWhenLogged}) and restart the controller mid-build ({@link #restartAfter}).
 *
 * <p>Where Jenkins would wait forever (no agent has the label, a lock can never be satisfied) the
 * runtime waits too, and fails the step after {@link #maxWaitMillis}, so a wrong test cannot hang.
 */
public final class RecordingPipelineRuntime {
  static final Set<String> STEPS = new TreeSet<>(PipelineSteps.names());

  private final Path root;
  private final List<TestAgent> agents = new ArrayList<>();
  private final Set<String> installedOptionalSteps = new TreeSet<>();
  private final Map<String, String> buildVariables = new ConcurrentHashMap<>();
  private final ThreadLocal<StepContext> context = ThreadLocal.withInitial(StepContext::top);
  private final PipelineSteps steps = new PipelineSteps(this);
  private Path library = Path.of("").toAbsolutePath();
  private Path scm;
  private boolean cps = true;
  private long maxWaitMillis = 120_000;
  private double waitUntilTimeScale = 0.01;
  private String abortText;
  private final ProgramRestart restart = new ProgramRestart();
  private BuildRun build;
  private NodeAllocator nodes;
  private LockableResources locks;
  private StashStore stashes;
  private GroovyExecution execution;
  private int builds;

  /** A runtime keeping agents' workspaces, stashes and the build's files under {@code root}. */
  public RecordingPipelineRuntime(Path root) {
    this.root = root;
    buildVariables.put("JOB_NAME", "model");
  }

  public RecordingPipelineRuntime agent(TestAgent agent) {
    agents.add(agent);
    return this;
  }

  /** The shared library directory (holding vars/, src/, resources/); default: the working dir. */
  public RecordingPipelineRuntime library(Path dir) {
    this.library = dir.toAbsolutePath();
    return this;
  }

  /** The directory that {@code checkout scm} copies into a workspace. */
  public RecordingPipelineRuntime scm(Path dir) {
    this.scm = dir;
    return this;
  }

  public RecordingPipelineRuntime cps(boolean enabled) {
    this.cps = enabled;
    return this;
  }

  /** Installs a plugin step that is absent by default (only {@code publishHTML}). */
  public RecordingPipelineRuntime install(String step) {
    installedOptionalSteps.add(step);
    return this;
  }

  public RecordingPipelineRuntime buildVariable(String name, String value) {
    buildVariables.put(name, value);
    return this;
  }

  public RecordingPipelineRuntime maxWaitMillis(long millis) {
    this.maxWaitMillis = millis;
    return this;
  }

  /** waitUntil sleeps this fraction of the pauses Jenkins would make (default 0.01). */
  public RecordingPipelineRuntime waitUntilTimeScale(double scale) {
    this.waitUntilTimeScale = scale;
    return this;
  }

  /** Presses the build's abort button when a console line contains {@code text}. */
  public RecordingPipelineRuntime abortWhenLogged(String text) {
    this.abortText = text;
    return this;
  }

  /** Restarts the controller once after the first top-level call of each step named. */
  public RecordingPipelineRuntime restartAfter(String... steps) {
    restart.after(steps);
    return this;
  }

  /** The steps after which the last build was resumed from its saved program state. */
  public List<String> restarts() {
    return restart.restarts();
  }

  /**
   * Runs {@code jenkinsfile} as the next build of the job and returns what it did. Agents'
   * workspaces persist from one build to the next, as in Jenkins; each build has its own number,
   * {@code BUILD_TAG}, stashes and archived files.
   */
  public BuildRun run(String jenkinsfile) {
    int number = ++builds;
    buildVariables.put("BUILD_NUMBER", String.valueOf(number));
    buildVariables.put("BUILD_TAG", "jenkins-" + buildVariables.get("JOB_NAME") + "-" + number);
    Path buildDir = root.resolve(number == 1 ? "build" : "build-" + number);
    build = new BuildRun(buildDir);
    nodes = new NodeAllocator(agents, root.resolve("agents"), maxWaitMillis);
    locks = new LockableResources(maxWaitMillis);
    for (TestAgent agent : agents) {
      for (int gpu = 0; gpu < agent.gpus() && !agent.gpuLockLabel().equals("none"); gpu++) {
        locks.declare(agent.gpuLockLabel() + "-" + gpu, agent.gpuLockLabel());
      }
    }
    stashes = new StashStore(buildDir.resolve("stashes"));
    execution = new GroovyExecution(cps, build, maxWaitMillis, restart);
    if (abortText != null) {
      build.abortWhenLogged(abortText, execution::abort);
    }
    Binding binding = binding();
    LibraryLoader loader = new LibraryLoader(library, cps);
    restart.attach(loader.classLoader(), build);
    try {
      loader.bindGlobalVariables(library, binding);
      Script script = loader.script(jenkinsfile, "WorkflowScript", binding);
      execution.runScript(script);
    } catch (FlowInterruptedException e) {
      build.worsen("ABORTED");
      build.failed(e.getMessage());
    } catch (PipelineError e) {
      build.worsen("FAILURE");
      build.failed(e.getMessage());
    } catch (RuntimeException | Error e) {
      build.worsen("FAILURE");
      build.failed(e.toString());
      build.log("", "Also: " + e);
    }
    build.log("", "Finished: " + build.result());
    return build;
  }

  public List<TestAgent> agents() {
    return List.copyOf(agents);
  }

  public LockableResources lockableResources() {
    return locks;
  }

  /** The most executors of {@code agent} that were busy at the same time in the last run. */
  public int peakBusyExecutors(String agent) {
    return nodes.peakBusy(agent);
  }

  /** The first workspace of {@code agent}. */
  public Path workspace(String agent) {
    return root.resolve("agents").resolve(agent).resolve("workspace");
  }

  /** Every workspace of every agent ({@code workspace}, {@code workspace@2}, ...) that exists. */
  public List<Path> workspaces() {
    List<Path> all = new ArrayList<>();
    for (TestAgent agent : agents) {
      Path dir = root.resolve("agents").resolve(agent.name());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> list = Files.list(dir)) {
          list.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().endsWith("@tmp"))
              .sorted()
              .forEach(all::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return all;
  }

  Object invoke(String step, Object[] args) {
    StepContext ctx = context.get();
    StepArguments arguments = new StepArguments(args, PipelineSteps.positionalName(step));
    execution.checkpoint(step);
    StepSignatures.check(step, arguments.named());
    long start = System.nanoTime();
    Object result = null;
    String failure = null;
    try {
      result = steps.dispatch(step, arguments, ctx);
      return result;
    } catch (InterruptedException e) {
      // Delivered once, as Jenkins does: steps in catch and finally blocks run normally.
      failure = e.toString();
      throw new FlowInterruptedException(step + " interrupted");
    } catch (RuntimeException | Error e) {
      failure = e.toString();
      throw e;
    } finally {
      String agent = ctx.agent() == null ? null : ctx.agent().name();
      build.record(
          new RecordedCall(
              step,
              arguments.recorded(),
              ctx.branch(),
              agent,
              start,
              System.nanoTime(),
              result,
              failure));
    }
  }

  /** Runs a block step's body in {@code inner}, restoring the caller's context afterwards. */
  Object body(StepArguments a, StepContext inner) {
    return within(inner, a.body());
  }

  /**
   * Runs each branch on its own thread, one piece of Groovy at a time ({@link GroovyExecution});
   * fails after all have ended if any failed.
   */
  Object parallel(Map<String, Object> branches, StepContext ctx) throws InterruptedException {
    return ParallelBranches.run(branches, ctx, execution, context);
  }

  private Object within(StepContext inner, Closure<?> body) {
    StepContext outer = context.get();
    context.set(inner);
    try {
      return execution.call(body);
    } finally {
      context.set(outer);
    }
  }

  /** {@code env} as the current block sees it. */
  Map<String, String> environment() {
    StepContext ctx = context.get();
    Map<String, String> env = new LinkedHashMap<>(buildVariables);
    if (ctx.agent() != null) {
      env.putAll(ctx.agent().env());
    }
    env.putAll(ctx.env());
    return env;
  }

  /** The variables an {@code sh} process gets on top of the runtime's own environment. */
  Map<String, String> processVariables(StepContext ctx) {
    Map<String, String> vars = new LinkedHashMap<>(buildVariables);
    vars.putAll(ctx.agent().env());
    vars.putAll(ctx.env());
    return vars;
  }

  void setBuildVariable(String name, String value) {
    buildVariables.put(name, value);
  }

  BuildRun build() {
    return build;
  }

  NodeAllocator nodes() {
    return nodes;
  }

  LockableResources locks() {
    return locks;
  }

  StashStore stashes() {
    return stashes;
  }

  GroovyExecution execution() {
    return execution;
  }

  long maxWaitMillis() {
    return maxWaitMillis;
  }

  double waitUntilTimeScale() {
    return waitUntilTimeScale;
  }

  Path libraryDir() {
    return library;
  }

  Path scmDir() {
    if (scm == null) {
      throw new PipelineError("checkout scm: this test runtime was given no scm directory");
    }
    return scm;
  }

  private Binding binding() {
    Binding binding = new Binding();
    for (String step : STEPS) {
      binding.setVariable(step, new StepClosure(this, step));
    }
    for (String step : installedOptionalSteps) {
      binding.setVariable(step, new StepClosure(this, step));
    }
    binding.setVariable("env", new EnvGlobal(this));
    binding.setVariable("currentBuild", new CurrentBuild(build, 1));
    binding.setVariable("scm", new ScmSource());
    binding.setVariable("none", "none");
    binding.setVariable("any", "any");
    return binding;
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code scm} global variable: what {@code checkout scm} checks out. */
  static final class ScmSource implements JenkinsProvided {}
}
