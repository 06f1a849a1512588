package dev.baton.core.exec.container;

import dev.baton.core.descriptor.ContainerSpec;
import dev.baton.core.descriptor.ContainerSpec.RuntimeKind;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.StepLauncher;
import dev.baton.core.exec.StepOutputFile;
import dev.baton.core.plan.PlannedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the steps that name a {@code container:} in their image, for one run, in two places of the
 * launch chain:
 *
 * <ul>
 *   <li>{@link #launcher}, outermost: checks the runtime and the image (pulling it as {@code pull:}
 *       says) before anything else, and puts the image's digest in the attempt's environment
 *       ({@value #DIGEST_VARIABLE}) — where the step cache's key covers it, so a rebuilt image
 *       misses the cache whatever its tag — and in the attempt's record;
 *   <li>{@link #executor}, around the engine's executor: replaces the attempt's command with the
 *       runtime's (see {@link ContainerArgs}), so the local executor's durability (the exit file
 *       written by the shell around the step) and Slurm's batch script apply unchanged, and stops
 *       the container by its name.
 * </ul>
 */
public final class ContainerSteps {
  /** The image reference as written, in a containerised attempt's environment. */
  public static final String IMAGE_VARIABLE = "BATON_CONTAINER_IMAGE";

  /** The image's digest, {@code sha256:<hex>}, in a containerised attempt's environment. */
  public static final String DIGEST_VARIABLE = "BATON_CONTAINER_DIGEST";

  private static final List<String> NOT_PASSED =
      List.of("CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES");

  private final Path workspace;
  private final Duration grace;
  private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> launches = new ConcurrentHashMap<>();

  /** An attempt's checked runtime and image. */
  private record Prepared(ContainerRuntimes.Found runtime, String digest) {}

  /**
   * @param grace how long a stopped container has to end before it is killed
   */
  public ContainerSteps(Path workspace, Duration grace) {
    this.workspace = workspace;
    this.grace = grace;
  }

  /** The outer launcher: checks and digests the image, then launches through {@code inner}. */
  public StepLauncher launcher(StepLauncher inner) {
    return launch -> {
      Optional<ContainerSpec> spec = launch.step().spec().container();
      if (spec.isEmpty()) {
        return inner.launch(launch);
      }
      ContainerSpec c = spec.get();
      Optional<ContainerRuntimes.Found> runtime =
          ContainerRuntimes.find(c.runtime(), launch.env().get("PATH"));
      if (runtime.isEmpty()) {
        return failed(ContainerRuntimes.missing(c.runtime()));
      }
      ImageCheck.Outcome checked = ImageCheck.check(runtime.get(), c, workspace);
      if (checked instanceof ImageCheck.Problem p) {
        return failed(p.message());
      }
      String digest = ((ImageCheck.Digest) checked).digest();
      prepared.put(key(launch), new Prepared(runtime.get(), digest));
      Map<String, String> env = new HashMap<>(launch.env());
      env.putAll(c.env());
      env.put(IMAGE_VARIABLE, c.image());
      env.put(DIGEST_VARIABLE, digest);
      // The container's variables count as the step's own: passed in, and covered by the key.
      Map<String, String> stepEnv = new LinkedHashMap<>(launch.step().env());
      stepEnv.putAll(c.env());
      PlannedStep step = launch.step().withLateFields(launch.command(), stepEnv);
      StepHandle handle = inner.launch(withEnv(launch, step, env));
      return new ImageHandle(handle, c.image(), digest);
    };
  }

  /** The inner executor: runs containerised attempts through the runtime on {@code inner}. */
  public StepExecutor executor(StepExecutor inner) {
    return new StepExecutor() {
      @Override
      public String name() {
        return inner.name();
      }

      @Override
      public Optional<String> notice() {
        return inner.notice();
      }

      @Override
      public StepHandle launch(StepLaunch launch) {
        Optional<ContainerSpec> spec = launch.step().spec().container();
        return spec.isEmpty() ? inner.launch(launch) : launchIn(spec.get(), launch, inner);
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  private StepHandle launchIn(ContainerSpec spec, StepLaunch launch, StepExecutor inner) {
    Prepared p = prepared.get(key(launch));
    if (p == null) {
      // Launched without the outer launcher (a direct executor call): check here.
      Optional<ContainerRuntimes.Found> runtime =
          ContainerRuntimes.find(spec.runtime(), launch.env().get("PATH"));
      if (runtime.isEmpty()) {
        return failed(ContainerRuntimes.missing(spec.runtime()));
      }
      ImageCheck.Outcome checked = ImageCheck.check(runtime.get(), spec, workspace);
      if (checked instanceof ImageCheck.Problem problem) {
        return failed(problem.message());
      }
      p = new Prepared(runtime.get(), ((ImageCheck.Digest) checked).digest());
    }
    boolean onNode = inner.name().equals("slurm");
    // A stage step runs several commands in one attempt, one after another: a name for each.
    int n = launches.computeIfAbsent(key(launch), k -> new AtomicInteger()).incrementAndGet();
    String name =
        ContainerNames.of(
                launch.env().getOrDefault("BATON_RUN_ID", "run"), launch.stepId(), launch.attempt())
            + (n > 1 ? "-" + n : "");
    Map<String, String> env = new HashMap<>(launch.env());
    SortedSet<String> names = passedNames(launch);
    if (p.runtime().kind() == RuntimeKind.APPTAINER) {
      for (String v : names) {
        env.put(ContainerArgs.apptainerVariable(v), launch.env().get(v));
      }
      String cuda = launch.env().get("CUDA_VISIBLE_DEVICES");
      if (cuda != null) {
        env.put(ContainerArgs.apptainerVariable("CUDA_VISIBLE_DEVICES"), cuda);
      }
    }
    ContainerArgs args =
        new ContainerArgs(
            p.runtime().kind(),
            p.runtime().program(),
            spec,
            // Locally, the very image that was checked; on a Slurm node, the reference (the node
            // has its own image store).
            onNode || p.runtime().kind() == RuntimeKind.APPTAINER ? spec.image() : p.digest(),
            onNode ? spec.pull().word() : "never",
            name,
            workspace,
            launch.workdir(),
            mounts(launch),
            names,
            launch.gpus(),
            launch.env().containsKey("BATON_GPUS"),
            onNode,
            CallerIds.uid(),
            CallerIds.gid(),
            grace);
    StepLaunch inContainer =
        new StepLaunch(
            launch.step(),
            launch.attempt(),
            args.wrap(launch.command()),
            env,
            launch.workdir(),
            launch.log(),
            launch.agent(),
            launch.gpus(),
            launch.timeout(),
            launch.leaseDescriptors());
    StepHandle handle = inner.launch(inContainer);
    if (onNode || p.runtime().kind() == RuntimeKind.APPTAINER) {
      // Apptainer has no daemon: its process group is the container. On a Slurm node the batch
      // shell stops the container by name when scancel signals it.
      return handle;
    }
    return new ContainerHandle(handle, p.runtime().program(), name);
  }

  /**
   * The variables passed into the container by name: the step's declared ones, its secrets, the
   * container's, Baton's {@code BATON_*} ones; not the machine's (PATH, HOME: the image has its
   * own), nor the GPU selection (set from the GPUs passed in).
   */
  private static SortedSet<String> passedNames(StepLaunch launch) {
    SortedSet<String> names = new TreeSet<>();
    names.addAll(launch.step().env().keySet());
    names.addAll(launch.step().spec().secrets());
    launch.step().spec().container().ifPresent(c -> names.addAll(c.env().keySet()));
    for (String k : launch.env().keySet()) {
      if (k.startsWith("BATON_") || k.equals("CUDA_DEVICE_ORDER")) {
        names.add(k);
      }
    }
    names.removeIf(k -> !launch.env().containsKey(k) || NOT_PASSED.contains(k));
    return names;
  }

  /** Host directories the step needs besides the workspace: where its outputs file and logs are. */
  private List<Path> mounts(StepLaunch launch) {
    List<Path> out = new ArrayList<>();
    Path ws = workspace.toAbsolutePath().normalize();
    for (String v : List.of("BATON_REPORT_DIR", StepOutputFile.ENV)) {
      String value = launch.env().get(v);
      if (value == null || value.isEmpty()) {
        continue;
      }
      Path p = Path.of(value).toAbsolutePath().normalize();
      Path dir = Files.isDirectory(p) ? p : p.getParent();
      if (dir != null && !dir.startsWith(ws) && out.stream().noneMatch(dir::startsWith)) {
        out.add(dir);
      }
    }
    return out;
  }

  /**
   * Stops the container a killed Baton left, found by its name; returns whether it was there. TERM,
   * up to {@code grace}, then KILL ({@code <runtime> stop -t}), then it is removed. A stage runs
   * its commands one at a time, each in a container of its own ({@code <name>-2}, ...): {@code
   * commandsJournalled} of them were journalled, so the one that ran when Baton stopped is that
   * last one or the next (started, not yet journalled); the earlier ones have ended.
   */
  public static boolean stopLeft(
      ContainerSpec spec,
      String runId,
      String stepId,
      int attempt,
      int commandsJournalled,
      Duration grace) {
    Optional<ContainerRuntimes.Found> runtime =
        ContainerRuntimes.find(spec.runtime(), System.getenv("PATH"));
    if (runtime.isEmpty() || runtime.get().kind() == RuntimeKind.APPTAINER) {
      return false;
    }
    String base = ContainerNames.of(runId, stepId, attempt);
    boolean left = false;
    for (int n = Math.max(1, commandsJournalled); n <= commandsJournalled + 1; n++) {
      left |=
          ContainerHandle.stopByName(runtime.get().program(), base + (n > 1 ? "-" + n : ""), grace);
    }
    return left;
  }

  private static String key(StepLaunch launch) {
    return launch.stepId() + "#" + launch.attempt();
  }

  private static StepLaunch withEnv(StepLaunch launch, PlannedStep step, Map<String, String> env) {
    return new StepLaunch(
        step,
        launch.attempt(),
        launch.command(),
        env,
        launch.workdir(),
        launch.log(),
        launch.agent(),
        launch.gpus(),
        launch.timeout(),
        launch.leaseDescriptors());
  }

  private static StepHandle failed(String why) {
    return StepHandle.finished(ExitStatus.couldNotLaunch(why));
  }
}
