package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.descriptor.yaml.YamlTreeReader;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.errors.UsageException;
import dev.baton.core.io.FileRefusedException;
import dev.baton.core.io.IoFailures;
import dev.baton.core.io.UserFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code baton.yaml} into a {@link PipelineDescriptor}, finding every mistake in one pass.
 * Cross-step checks (unknown {@code needs}, cycles) belong to the planner, which runs right after.
 */
public final class DescriptorReader {
  /** The top-level keys a descriptor may have. */
  public static final List<String> TOP_KEYS =
      List.of(
          "version",
          "name",
          "params",
          "env",
          "defaults",
          "agents",
          "gpuBusy",
          "executor",
          "secrets",
          "timeout",
          "notify",
          "limits",
          "slurm",
          "include",
          "templates",
          "steps");

  /** The keys a step may have. */
  public static final List<String> STEP_KEYS = StepReader.STEP_KEYS;

  /** Top-level keys reserved for later, with what to do meanwhile. */
  public static final Map<String, String> TOP_LATER = Map.of();

  private static final String DESCRIPTOR = "descriptor";

  private DescriptorReader() {}

  /** Reads and checks a descriptor file; throws {@link DescriptorException} with every problem. */
  public static PipelineDescriptor read(Path file) {
    List<DescriptorProblem> problems = new ArrayList<>();
    Optional<PipelineDescriptor> d = read(file, problems);
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
    return d.orElseThrow();
  }

  /** Reads descriptor text as if it came from {@code file}. */
  public static PipelineDescriptor parse(Path file, String text) {
    List<DescriptorProblem> problems = new ArrayList<>();
    PipelineDescriptor descriptor = parse(file, text, problems);
    if (!problems.isEmpty() || descriptor == null) {
      throw new DescriptorException(problems);
    }
    return descriptor;
  }

  /**
   * Reads a descriptor file as far as it can, adding every problem to {@code problems} instead of
   * throwing, so later checks (expressions, agents) can still report theirs in the same pass.
   * Returns empty only when the file has no readable mapping at all; otherwise a descriptor of what
   * could be read (a step whose body is not a mapping is left out).
   */
  public static Optional<PipelineDescriptor> read(Path file, List<DescriptorProblem> problems) {
    String text;
    try {
      text = readText(file, DESCRIPTOR);
    } catch (DescriptorException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
    return Optional.ofNullable(parse(file, text, problems));
  }

  private static @Nullable PipelineDescriptor parse(
      Path file, String text, List<DescriptorProblem> problems) {
    String name = file.toString();
    YamlNode root = YamlTreeReader.read(name, text, problems);
    if (root == null) {
      return null;
    }
    NodeReader r = new NodeReader(problems);
    Optional<YamlMap> top = r.map(root, "the descriptor");
    if (top.isEmpty()) {
      return null;
    }
    SecretsReader.forbidSubstitution(top.get(), text, r);
    // include: and uses: are merged into the tree first; every value keeps its own file's position.
    IncludeFiles files = new IncludeFiles(file, text.length(), r);
    YamlMap composed = StepTemplates.expand(Includes.merge(file, top.get(), files, r), files, r);
    PipelineDescriptor descriptor = bind(file, composed, r);
    EnvExpressions.check(descriptor, composed, r);
    LiteralFields.check(composed, r);
    // The DAG is checked even when keys were wrong, so one run reports every kind of mistake.
    DagChecker.check(descriptor, problems);
    return descriptor;
  }

  private static PipelineDescriptor bind(Path file, YamlMap top, NodeReader r) {
    r.checkKeys(top, "the descriptor", TOP_KEYS, TOP_LATER);
    int version = 1;
    Optional<YamlNode> v = NodeReader.get(top, "version");
    if (v.isEmpty()) {
      r.problem(top.position(), "'version' is missing", "add 'version: 1' as the first line");
    } else {
      version = r.integer(v.get(), "version", 1).orElse(1);
      if (version != 1) {
        r.problem(
            v.get().position(),
            "version " + version + " is not known to this Baton",
            "use 'version: 1'");
      }
    }
    String name = NodeReader.get(top, "name").flatMap(n -> r.string(n, "name")).orElse("");
    if (!NodeReader.keys(top).contains("name")) {
      String fallback =
          file.toAbsolutePath().getParent() == null
              ? "pipeline"
              : String.valueOf(file.toAbsolutePath().getParent().getFileName());
      r.problem(
          top.position(),
          "'name' is missing",
          "add 'name: " + fallback + "' so reports can tell pipelines apart");
    }
    Map<String, ParamSpec> paramSpecs =
        NodeReader.get(top, "params").map(n -> ParamReader.read(n, r)).orElse(Map.of());
    Map<String, String> params = new LinkedHashMap<>();
    paramSpecs.forEach((key, spec) -> params.put(key, spec.defaultValue()));
    Optional<Duration> timeout =
        NodeReader.get(top, "timeout").flatMap(n -> StepReader.duration(n, "timeout", r));
    Map<String, String> env =
        NodeReader.get(top, "env").map(n -> r.stringMap(n, "env")).orElse(Map.of());
    StepDefaults defaults =
        NodeReader.get(top, "defaults")
            .map(n -> StepReader.defaults(n, r))
            .orElse(StepDefaults.NONE);
    List<AgentSpec> agents =
        NodeReader.get(top, "agents").map(n -> AgentSpecReader.readList(n, r)).orElse(List.of());
    GpuBusyPolicy gpuBusy =
        NodeReader.get(top, "gpuBusy")
            .flatMap(n -> GpuBusyReader.read(n, "gpuBusy", r))
            .orElse(GpuBusyPolicy.DEFAULT);
    String executor =
        NodeReader.get(top, "executor").flatMap(n -> r.string(n, "executor")).orElse("");
    if (!executor.isEmpty() && !List.of("local", "slurm").contains(executor)) {
      r.problem(
          NodeReader.get(top, "executor").get().position(),
          "unknown executor '" + executor + "'",
          "use 'local' or 'slurm'");
    }
    Map<String, SecretSpec> secrets =
        NodeReader.get(top, "secrets").map(n -> SecretsReader.read(n, r)).orElse(Map.of());
    Map<String, StepSpec> steps = new LinkedHashMap<>();
    Optional<YamlNode> stepsNode = NodeReader.get(top, "steps");
    if (stepsNode.isEmpty()) {
      r.problem(
          top.position(),
          "'steps' is missing: the pipeline has nothing to run",
          "add a 'steps:' mapping with at least one step");
    } else {
      r.map(stepsNode.get(), "steps")
          .ifPresent(
              m -> {
                if (m.entries().isEmpty()) {
                  r.problem(
                      m.position(),
                      "the pipeline is empty: 'steps' has no step",
                      "add at least one step, such as 'hello: {run: echo hello}'");
                }
                for (YamlNode.Entry e : m.entries().values()) {
                  StepReader.read(e, defaults, secrets.keySet(), r)
                      .ifPresent(s -> steps.put(s.name(), s));
                }
                ArtifactReader.checkUnique(steps, r);
              });
    }
    return new PipelineDescriptor(
        file,
        version,
        name,
        params,
        env,
        defaults,
        agents,
        executor,
        steps,
        secrets,
        gpuBusy,
        paramSpecs,
        timeout,
        NodeReader.get(top, "notify").map(n -> NotifyReader.read(n, r)).orElse(List.of()),
        LimitsReader.read(top, r),
        NodeReader.get(top, "slurm").map(n -> SlurmBlockReader.read(n, r)).orElse(Map.of()));
  }

  /**
   * Reads an agents file (given to a front end): a list of agents, or a mapping with an {@code
   * agents:} key and optionally a {@code gpuBusy:} that every agent of the file without its own
   * takes.
   */
  public static List<AgentSpec> readAgentsFile(Path file) {
    List<DescriptorProblem> problems = new ArrayList<>();
    YamlNode root = YamlTreeReader.read(file.toString(), readText(file, "agents file"), problems);
    NodeReader r = new NodeReader(problems);
    List<AgentSpec> agents = List.of();
    if (root instanceof YamlMap m) {
      r.checkKeys(m, "the agents file", List.of("agents", "gpuBusy"), Map.of());
      agents =
          NodeReader.get(m, "agents").map(n -> AgentSpecReader.readList(n, r)).orElse(List.of());
      Optional<GpuBusyPolicy> gpuBusy =
          NodeReader.get(m, "gpuBusy").flatMap(n -> GpuBusyReader.read(n, "gpuBusy", r));
      if (gpuBusy.isPresent()) {
        agents = agents.stream().map(a -> a.withDefaultGpuBusy(gpuBusy.get())).toList();
      }
    } else if (root != null) {
      agents = AgentSpecReader.readList(root, r);
    }
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
    return agents;
  }

  private static String readText(Path file, String what) {
    try {
      return UserFiles.readText(file, what, YamlTreeReader.MAX_BYTES);
    } catch (NoSuchFileException e) {
      throw new UsageException(
          what
              + " "
              + file
              + " does not exist; "
              + (what.equals(DESCRIPTOR)
                  ? "pass the path of a baton.yaml, or run from the directory that has one"
                  : "check the path"));
    } catch (FileRefusedException e) {
      throw new DescriptorException(
          List.of(
              new DescriptorProblem(
                  SourcePosition.of(file.toString()), "the " + what + " " + e.problem(), e.fix())));
    } catch (IOException e) {
      throw new UsageException(
          "cannot read "
              + what
              + " "
              + file
              + ": "
              + IoFailures.reason(e)
              + "; check the path and its permissions");
    }
  }
}
