package dev.baton.core.plan;

import dev.baton.core.descriptor.CacheSpec;
import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.DeploySpec;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StageSpec;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Quoting;
import dev.baton.core.expr.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Expands one step into planned steps: a cell per matrix combination, expressions resolved. A
 * matrix of 100,000 cells is planned in linear time and compact memory: each template and
 * expression is parsed once per step, not per cell; the cells share the step's spec, its needs and
 * (where it does not depend on the cell) its environment, and keep only their own matrix values, id
 * and command.
 */
final class StepResolver {
  private final PipelineDescriptor descriptor;
  private final Map<String, Object> params;
  private final List<DescriptorProblem> problems;
  private final Map<String, List<Map<String, String>>> cells = new HashMap<>();
  private final Map<String, List<String>> cellIds = new HashMap<>();
  private final Map<String, String> pipelineEnv;
  private final ParsedTexts parsed = new ParsedTexts();
  private final IdentityHashMap<Command, Boolean> runReadsNeeds = new IdentityHashMap<>();
  private final WhenResolver whens;
  private final ModelContext models; // models.* of expressions, read when one reads them

  StepResolver(
      PipelineDescriptor d, Map<String, Object> p, List<DescriptorProblem> out, ModelContext m) {
    this.descriptor = d;
    this.params = p;
    this.problems = out;
    this.models = m;
    this.pipelineEnv = pipelineEnv();
    this.whens = new WhenResolver(parsed, problems);
    for (StepSpec s : descriptor.steps().values()) {
      List<Map<String, String>> stepCells =
          s.matrix().isDynamic() ? List.of() : MatrixExpander.cells(s.matrix());
      List<String> ids = new ArrayList<>(Math.max(1, stepCells.size()));
      for (Map<String, String> cell : stepCells) {
        ids.add(MatrixExpander.id(s.name(), cell));
      }
      if (ids.isEmpty()) {
        ids.add(s.name());
      }
      cells.put(s.name(), stepCells);
      cellIds.put(s.name(), ids);
    }
  }

  /** The pipeline's env, its expressions substituted. */
  Map<String, String> pipelineEnvironment() {
    return pipelineEnv;
  }

  List<PlannedStep> expand(StepSpec spec) {
    List<String> needs =
        List.copyOf(
            NeedCells.planned(
                spec, descriptor, cellIds, cells, problems)); // one list every cell shares
    if (spec.matrix().isDynamic()) {
      return List.of(pending(spec, needs));
    }
    List<Map<String, String>> cells = this.cells.getOrDefault(spec.name(), List.of());
    List<String> ids = cellIds.getOrDefault(spec.name(), List.of(spec.name()));
    if (cells.isEmpty()) {
      if (!spec.matrix().isEmpty()) {
        problems.add(
            new DescriptorProblem(
                spec.position(),
                "the matrix of step '" + spec.name() + "' excludes every combination",
                "loosen 'exclude' or add an 'include'"));
        return List.of();
      }
      cells = List.of(Map.of());
    }
    List<PlannedStep> out = new ArrayList<>(cells.size());
    PlannedStep previous = null;
    for (int i = 0; i < cells.size(); i++) {
      PlannedStep cell = resolve(spec, cells.get(i), ids.get(i), needs, previous);
      out.add(cell);
      previous = cell;
    }
    return out;
  }

  /**
   * The cells of dynamic step {@code spec} once its dynamic axes have {@code values}, each waiting
   * for {@code needs}; empty when the matrix leaves none.
   */
  List<PlannedStep> cells(StepSpec spec, Map<String, List<String>> values, List<String> needs) {
    List<PlannedStep> out = new ArrayList<>();
    PlannedStep previous = null;
    for (Map<String, String> cell : MatrixExpander.cells(spec.matrix().withValues(values))) {
      PlannedStep planned =
          resolve(spec, cell, MatrixExpander.id(spec.name(), cell), needs, previous);
      out.add(planned);
      previous = planned;
    }
    return out;
  }

  /**
   * A dynamic step as the plan holds it before its needs end: one step under its name, its fields
   * as written. Everything that can be checked now is: the axes' expressions, and the step's own
   * fields against sample values of its axes.
   */
  private PlannedStep pending(StepSpec spec, List<String> needs) {
    Map<String, String> sample = new LinkedHashMap<>();
    for (String axis : spec.matrix().order()) {
      List<String> values = spec.matrix().axes().get(axis);
      sample.put(axis, values == null || values.isEmpty() ? "0" : values.get(0));
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("params", params);
    context.put("env", pipelineEnv);
    Bindings known = Bindings.of(context);
    spec.matrix()
        .dynamic()
        .forEach(
            (axis, text) -> DynamicAxes.check(spec, axis, text, known).ifPresent(problems::add));
    PlannedStep checked = resolve(spec, sample, spec.name(), needs, null);
    Map<String, String> env = new LinkedHashMap<>(pipelineEnv);
    env.putAll(spec.env());
    // A 'when' that reads no matrix value rules out the whole step now, as for a static one.
    boolean readsMatrix =
        NeedsReferences.of(spec.when(), true).stream()
            .anyMatch(n -> n.equals("matrix") || n.startsWith("matrix."));
    return new PlannedStep(
        spec.name(),
        spec,
        Map.of(),
        spec.run(),
        needs,
        env,
        Planner.workdir(descriptor, spec),
        spec.timeout(),
        spec.retry(),
        spec.agent(),
        spec.concurrency(),
        readsMatrix ? "" : checked.skipReason());
  }

  /**
   * One cell; what comes out the same as for {@code previous} (the cell before it), the spec and
   * the environment, is that cell's instance, so a matrix holds each once.
   */
  @SuppressWarnings("ReferenceEquality") // the same instance is the common case: skip equals
  private PlannedStep resolve(
      StepSpec spec,
      Map<String, String> cell,
      String id,
      List<String> needs,
      @Nullable PlannedStep previous) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("params", params);
    context.put("matrix", cell);
    context.put("env", pipelineEnv);
    context.put(ModelContext.ROOT, models);
    Map<String, String> env = new LinkedHashMap<>(pipelineEnv);
    env.putAll(stepEnv(spec, Bindings.of(context)));
    context.put("env", env);
    Bindings bindings = Bindings.of(context);
    String skip = whens.skipReason(spec, bindings);
    Command command = command(spec, bindings);
    StepSpec resolved = spec;
    if (spec.stage().isPresent()) {
      Map<String, Object> stageContext = new LinkedHashMap<>(context);
      stageContext.put("deploy", Map.of("weight", DeploySpec.WEIGHT_PLACEHOLDER));
      resolved = withStageCommands(spec, Bindings.of(stageContext));
    }
    CacheSpec cache = cachePaths(spec, bindings);
    if (cache != resolved.cache() && !cache.equals(resolved.cache())) {
      resolved = resolved.withCache(cache);
    }
    Map<String, String> stepEnv = FrozenMap.of(env);
    if (previous != null) {
      // The spec as written (no stage, no cache path rendered) is the previous cell's as well.
      resolved =
          (resolved == spec && previous.spec() == spec) || previous.spec().equals(resolved)
              ? previous.spec()
              : resolved;
      stepEnv = previous.env().equals(stepEnv) ? previous.env() : stepEnv;
    }
    return new PlannedStep(
        id,
        resolved,
        cell,
        command,
        needs,
        stepEnv,
        previous != null ? previous.workdir() : Planner.workdir(descriptor, spec),
        spec.timeout(),
        spec.retry(),
        spec.agent(),
        spec.concurrency(),
        skip);
  }

  /**
   * The pipeline's env with {@code ${{ }}} substituted, unquoted (a variable's value is not shell
   * text): it reads {@code params.*}. The descriptor reader has checked each value where it is
   * written; what fails only with {@code -p} values is reported here, once.
   */
  private Map<String, String> pipelineEnv() {
    Bindings bindings = Bindings.of(Map.of("params", params));
    Map<String, String> env = new LinkedHashMap<>();
    descriptor
        .env()
        .forEach(
            (name, value) -> {
              try {
                env.put(name, Template.parse(value).render(bindings, Quoting.NONE));
              } catch (ExpressionException ex) {
                problems.add(
                    new DescriptorProblem(
                        SourcePosition.of(descriptor.file() + ": env." + name),
                        ex.problem() + " in " + name + " of the pipeline's env",
                        ex.hint()));
                env.put(name, value);
              }
            });
    return env;
  }

  /**
   * The step's own env with {@code ${{ }}} substituted, unquoted: it reads {@code params.*}, {@code
   * matrix.*} and {@code env.*} (the pipeline's env).
   */
  private Map<String, String> stepEnv(StepSpec spec, Bindings bindings) {
    Map<String, String> env = new LinkedHashMap<>();
    spec.env()
        .forEach(
            (name, value) -> {
              Set<String> reads = parsed.reads(value, false);
              if (NeedsReferences.readsNeeds(reads)) {
                // Resolved when the step becomes ready, once its needs have ended.
                NeedsReferences.check(
                        spec,
                        reads,
                        bindings,
                        spec.position(),
                        "in " + name + " of the env of step '" + spec.name() + "'")
                    .ifPresent(problems::add);
                env.put(name, value);
                return;
              }
              try {
                env.put(name, parsed.template(value).render(bindings, Quoting.NONE));
              } catch (ExpressionException ex) {
                problems.add(
                    new DescriptorProblem(
                        spec.position(),
                        ex.problem() + " in " + name + " of the env of step '" + spec.name() + "'",
                        ex.hint()));
                env.put(name, value);
              }
            });
    return env;
  }

  private Command command(StepSpec spec, Bindings bindings) {
    SourcePosition at = spec.runPosition();
    // Every cell of a matrix shares its spec's command: whether it reads needs is decided once.
    boolean readsNeeds =
        runReadsNeeds.computeIfAbsent(
            spec.run(), run -> NeedsReferences.readsNeeds(parsed.reads(run)));
    if (readsNeeds) {
      Set<String> reads = parsed.reads(spec.run());
      NeedsReferences.check(spec, reads, bindings, at, "in 'run' of step '" + spec.name() + "'")
          .ifPresent(problems::add);
      return spec.run(); // rendered when the step becomes ready
    }
    try {
      if (spec.run() instanceof Command.Shell shell) {
        return new Command.Shell(parsed.template(shell.script()).render(bindings, Quoting.SHELL));
      }
      List<String> args = new ArrayList<>();
      for (String arg : ((Command.Argv) spec.run()).args()) {
        args.add(parsed.template(arg).render(bindings, Quoting.NONE));
      }
      return new Command.Argv(args);
    } catch (ExpressionException ex) {
      for (ExpressionException each : ExpressionProblems.every(spec.run(), bindings, ex)) {
        problems.add(ExpressionProblems.at(at, each, "in 'run' of step '" + spec.name() + "'"));
      }
      return spec.run();
    }
  }

  /**
   * The spec with {@code ${{ }}} substituted in its stage's commands (shift, health, rollback...),
   * quoted like {@code run}. {@code ${{ deploy.weight }}} becomes {@link
   * DeploySpec#WEIGHT_PLACEHOLDER}, a plain word the deploy stage replaces with each weight.
   */
  private StepSpec withStageCommands(StepSpec spec, Bindings bindings) {
    if (spec.stage().isEmpty()) {
      return spec;
    }
    StageSpec stage = spec.stage().get();
    problems.addAll(StageReferences.check(spec, stage, bindings));
    if (StageReferences.commandsReadNeeds(stage)) {
      return spec; // rendered when the step becomes ready, once its needs have ended
    }
    StageSpec rendered =
        stage.mapCommands(
            c -> {
              try {
                return CommandTemplates.render(c, bindings);
              } catch (ExpressionException ex) {
                for (ExpressionException each : ExpressionProblems.every(c, bindings, ex)) {
                  problems.add(
                      ExpressionProblems.at(
                          stage.position(), each, "in a command of step '" + spec.name() + "'"));
                }
                return c;
              }
            });
    return spec.withStage(Optional.of(rendered));
  }

  /** The step's {@code inputs} and {@code outputs} with {@code ${{ }}} substituted, unquoted. */
  private CacheSpec cachePaths(StepSpec spec, Bindings bindings) {
    CacheSpec cache = spec.cache();
    if (cache.inputs().isEmpty() && cache.outputs().isEmpty()) {
      return cache; // nothing to render: most steps, and every cell of most matrices
    }
    try {
      return new CacheSpec(
          cache.enabled(), render(cache.inputs(), bindings), render(cache.outputs(), bindings));
    } catch (ExpressionException ex) {
      problems.add(
          ExpressionProblems.at(
              spec.position(), ex, "in 'inputs' or 'outputs' of step '" + spec.name() + "'"));
      return cache;
    }
  }

  private List<String> render(List<String> paths, Bindings bindings) {
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      out.add(parsed.template(p).render(bindings, Quoting.NONE));
    }
    return out;
  }
}
