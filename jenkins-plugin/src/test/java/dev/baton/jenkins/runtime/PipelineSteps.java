package dev.baton.jenkins.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The steps of the test runtime; each behaves as the Jenkins step of the same name. */
final class PipelineSteps {
  private final RecordingPipelineRuntime rt;

  PipelineSteps(RecordingPipelineRuntime runtime) {
    this.rt = runtime;
  }

  Object dispatch(String step, StepArguments a, StepContext ctx) throws InterruptedException {
    switch (step) {
      case "echo":
        rt.build().log(ctx.branch(), a.string("message"));
        return null;
      case "error":
        throw new PipelineError(a.string("message"));
      case "unstable":
        rt.build().worsen("UNSTABLE");
        rt.build().log(ctx.branch(), "WARNING: " + a.string("message"));
        return null;
      case "sh":
        return sh(a, ctx);
      case "node":
        return node(a, ctx);
      case "parallel":
        Map<String, Object> branches = new LinkedHashMap<>(a.named());
        branches.remove("failFast");
        return rt.parallel(branches, ctx);
      case "lock":
        return lock(a, ctx);
      case "waitUntil":
        return waitUntil(a);
      case "withEnv":
        return withEnv(a, ctx);
      case "dir":
        return rt.body(a, ctx.inDir(ctx.requireCwd("dir").resolve(a.string("path"))));
      case "stash":
        rt.stashes()
            .stash(
                a.string("name"),
                ctx.requireCwd("stash"),
                a.string("includes"),
                a.string("excludes"),
                a.flag("allowEmpty"));
        return null;
      case "unstash":
        rt.stashes().unstash(a.string("name"), ctx.requireCwd("unstash"));
        return null;
      case "writeFile":
        return writeFile(ctx.requireCwd(step).resolve(a.string("file")), a.string("text"));
      case "readFile":
        return read(ctx.requireCwd(step).resolve(a.string("file")));
      case "fileExists":
        return Files.exists(ctx.requireCwd(step).resolve(a.string("file")));
      case "deleteDir":
        RecordingPipelineRuntime.deleteTree(ctx.requireCwd(step));
        return null;
      case "libraryResource":
        return libraryResource(a.string("resource"));
      case "checkout":
        AntPatterns.copy(rt.scmDir(), "**", "", ctx.requireCwd(step));
        return Map.of();
      case "junit":
        return PublisherSteps.junit(a.named(), ctx.requireCwd(step), rt.build());
      case "archiveArtifacts":
        PublisherSteps.archiveArtifacts(a.named(), ctx.requireCwd(step), rt.build());
        return null;
      case "publishHTML":
        PublisherSteps.publishHtml(a.named(), ctx.requireCwd(step), rt.build());
        return null;
      case "isUnix":
        return true;
      case "sleep":
        long millis = 1000L * a.integer("time", 0);
        return rt.execution()
            .outside(
                () -> {
                  Thread.sleep(millis);
                  return null;
                });
      case "timeout":
        return timeout(a, ctx);
      case "catchError":
        return catchError(a, ctx);
      default:
        // pipeline { }, stages { }, stage('x') { }, steps { }, agent none: run the body in order.
        return a.body() == null ? null : rt.body(a, ctx);
    }
  }

  private Object sh(StepArguments a, StepContext ctx) throws InterruptedException {
    boolean stdout = a.flag("returnStdout");
    Path cwd = ctx.requireCwd("sh");
    Path tmp = Path.of(ctx.workspace() + "@tmp");
    ShellStep.Result result =
        rt.execution()
            .outside(
                () ->
                    ShellStep.run(
                        a.string("script"),
                        cwd,
                        tmp,
                        rt.processVariables(ctx),
                        stdout,
                        line -> rt.build().log(ctx.branch(), line)));
    if (a.flag("returnStatus")) {
      return result.status();
    }
    if (result.status() != 0) {
      throw new PipelineError("script returned exit code " + result.status());
    }
    return stdout ? result.stdout() : null;
  }

  private Object node(StepArguments a, StepContext ctx) throws InterruptedException {
    String label = a.string("label") == null ? "" : a.string("label");
    NodeAllocator.Executor executor =
        rt.execution().outside(() -> rt.nodes().acquire(label, ctx.branch(), rt.build()));
    rt.build()
        .log(ctx.branch(), "Running on " + executor.agent().name() + " in " + executor.workspace());
    try {
      return rt.body(a, ctx.onAgent(executor.agent(), executor.slot(), executor.workspace()));
    } finally {
      rt.nodes().release(executor);
    }
  }

  private Object lock(StepArguments a, StepContext ctx) throws InterruptedException {
    String holder = ctx.branch();
    String label = a.string("label");
    int quantity = a.integer("quantity", 1);
    String resource = a.string("resource");
    List<String> names =
        rt.execution()
            .outside(
                () ->
                    label != null
                        ? rt.locks().lockLabel(label, quantity, holder, rt.build())
                        : rt.locks().lockResource(resource, holder));
    rt.build().log(ctx.branch(), "Lock acquired on " + names);
    Map<String, String> vars = new LinkedHashMap<>();
    String variable = a.string("variable");
    if (variable != null) {
      vars.put(variable, String.join(",", names));
      for (int i = 0; i < names.size(); i++) {
        vars.put(variable + i, names.get(i));
      }
    }
    try {
      return rt.body(a, ctx.withVars(vars));
    } finally {
      rt.locks().unlock(names);
      rt.build().log(ctx.branch(), "Lock released on " + names);
    }
  }

  /**
   * Evaluates the body until it returns true, waiting between tries as Jenkins does: from
   * initialRecurrencePeriod (default 250 ms) growing by 1.2 up to 15 s, scaled down by the
   * runtime's time scale so that tests stay quick.
   */
  private Object waitUntil(StepArguments a) throws InterruptedException {
    long deadline = System.currentTimeMillis() + rt.maxWaitMillis();
    double period = a.integer("initialRecurrencePeriod", 250);
    while (!Boolean.TRUE.equals(rt.execution().call(a.body()))) {
      if (System.currentTimeMillis() > deadline) {
        throw new PipelineError("waitUntil: condition still false after the runtime's limit");
      }
      long pause = (long) Math.max(1, period * rt.waitUntilTimeScale());
      rt.build().waitUntilPauses.add((long) period);
      rt.execution()
          .outside(
              () -> {
                Thread.sleep(pause);
                return null;
              });
      period = Math.min(15_000, period * 1.2);
    }
    return null;
  }

  /** Runs the body; past the time, a step it is waiting in is interrupted, as Jenkins does. */
  private Object timeout(StepArguments a, StepContext ctx) {
    long millis =
        TimeUnit.valueOf(a.string("unit") == null ? "MINUTES" : a.string("unit"))
            .toMillis(a.integer("time", 0));
    Thread body = Thread.currentThread();
    AtomicBoolean expired = new AtomicBoolean();
    Timer timer = new Timer("timeout", true);
    timer.schedule(
        new TimerTask() {
          @Override
          public void run() {
            expired.set(true);
            rt.execution().interruptIfWaiting(body);
          }
        },
        millis);
    try {
      return rt.body(a, ctx);
    } catch (FlowInterruptedException e) {
      throw expired.get() ? new FlowInterruptedException("Timeout has been exceeded") : e;
    } finally {
      timer.cancel();
    }
  }

  /** Runs the body; a failure in it sets the build result instead of ending the build. */
  private Object catchError(StepArguments a, StepContext ctx) {
    try {
      return rt.body(a, ctx);
    } catch (FlowInterruptedException e) {
      if (!a.flag("catchInterruptions") && a.named().containsKey("catchInterruptions")) {
        throw e;
      }
      rt.build().worsen("ABORTED");
      rt.build().log(ctx.branch(), e.getMessage());
      return null;
    } catch (RuntimeException e) {
      String result = a.string("buildResult") == null ? "FAILURE" : a.string("buildResult");
      rt.build().worsen(result);
      rt.build()
          .log(
              ctx.branch(),
              a.string("message") == null ? "ERROR: " + e.getMessage() : a.string("message"));
      return null;
    }
  }

  private Object withEnv(StepArguments a, StepContext ctx) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (Object entry : (List<?>) a.named().get("overrides")) {
      String text = entry.toString();
      int eq = text.indexOf('=');
      vars.put(text.substring(0, eq), text.substring(eq + 1));
    }
    return rt.body(a, ctx.withVars(vars));
  }

  private String libraryResource(String resource) {
    Path file = rt.libraryDir().resolve("resources").resolve(resource);
    if (!Files.isRegularFile(file)) {
      throw new PipelineError("No such library resource " + resource + " could be found.");
    }
    return read(file);
  }

  private static Object writeFile(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new PipelineError("java.nio.file.NoSuchFileException: " + file);
    }
  }

  /** Positional argument names, as each step's descriptor declares its default parameter. */
  static String positionalName(String step) {
    switch (step) {
      case "echo":
      case "error":
      case "unstable":
        return "message";
      case "sh":
        return "script";
      case "node":
        return "label";
      case "lock":
        return "resource";
      case "withEnv":
        return "overrides";
      case "dir":
        return "path";
      case "stash":
      case "unstash":
        return "name";
      case "writeFile":
      case "readFile":
      case "fileExists":
        return "file";
      case "libraryResource":
        return "resource";
      case "junit":
        return "testResults";
      case "archiveArtifacts":
        return "artifacts";
      case "sleep":
      case "timeout":
        return "time";
      case "checkout":
        return "scm";
      default:
        return "value";
    }
  }

  static List<String> names() {
    return new ArrayList<>(
        List.of(
            "echo",
            "error",
            "unstable",
            "sh",
            "node",
            "parallel",
            "lock",
            "waitUntil",
            "withEnv",
            "dir",
            "stash",
            "unstash",
            "writeFile",
            "readFile",
            "fileExists",
            "deleteDir",
            "libraryResource",
            "checkout",
            "junit",
            "archiveArtifacts",
            "isUnix",
            "sleep",
            "timeout",
            "catchError",
            "pipeline",
            "agent",
            "stages",
            "stage",
            "steps"));
  }
}
