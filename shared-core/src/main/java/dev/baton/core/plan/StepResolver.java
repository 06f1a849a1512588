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
import dev.baton.core.expr.Expression;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Quoting;
import dev.baton.core.expr.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Expands one step into planned steps: a cell per matrix combination, expressions resolved. */
final class StepResolver {
  private final PipelineDescriptor descriptor;
  private final Map<String, Object> params;
  private final List<DescriptorProblem> problems;
  private final Map<String, List<String>> cellIds = new LinkedHashMap<>();
  private final Map<String, String> pipelineEnv;

  StepResolver(
      PipelineDescriptor descriptor, Map<String, Object> params, List<DescriptorProblem> problems) {
    this.descriptor = descriptor;
    this.params = params;
    this.problems = problems;
    this.pipelineEnv = pipelineEnv();
    for (StepSpec s : descriptor.steps().values()) {
      List<String> ids = new ArrayList<>();
      for (Map<String, String> cell : MatrixExpander.cells(s.matrix())) {
        ids.add(MatrixExpander.id(s.name(), cell));
      }
      if (ids.isEmpty()) {
        ids.add(s.name());
      }
      cellIds.put(s.name(), ids);
    }
  }

  List<PlannedStep> expand(StepSpec spec) {
    List<Map<String, String>> cells = MatrixExpander.cells(spec.matrix());
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
    List<String> needs = new ArrayList<>();
    for (String need : spec.needs()) {
      needs.addAll(cellIds.getOrDefault(need, List.of()));
    }
    List<PlannedStep> out = new ArrayList<>();
    for (Map<String, String> cell : cells) {
      out.add(resolve(spec, cell, needs));
    }
    return out;
  }

  private PlannedStep resolve(StepSpec spec, Map<String, String> cell, List<String> needs) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("params", params);
    context.put("matrix", cell);
    context.put("env", pipelineEnv);
    Map<String, String> env = new LinkedHashMap<>(pipelineEnv);
    env.putAll(stepEnv(spec, Bindings.of(context)));
    context.put("env", env);
    Bindings bindings = Bindings.of(context);
    String skip = when(spec, bindings);
    Command command = command(spec, bindings);
    Map<String, Object> stageContext = new LinkedHashMap<>(context);
    stageContext.put("deploy", Map.of("weight", DeploySpec.WEIGHT_PLACEHOLDER));
    StepSpec resolved = withStageCommands(spec, Bindings.of(stageContext));
    resolved = resolved.withCache(cachePaths(spec, bindings));
    Map<String, String> stepEnv = new LinkedHashMap<>(env);
    return new PlannedStep(
        MatrixExpander.id(spec.name(), cell),
        resolved,
        cell,
        command,
        needs,
        stepEnv,
        Planner.workdir(descriptor, spec),
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
              Set<String> reads = NeedsReferences.of(value, false);
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
                env.put(name, Template.parse(value).render(bindings, Quoting.NONE));
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

  private String when(StepSpec spec, Bindings bindings) {
    String text = spec.when().strip();
    if (text.isEmpty()) {
      return "";
    }
    Set<String> reads = NeedsReferences.of(text, true);
    if (NeedsReferences.readsNeeds(reads)) {
      NeedsReferences.check(
              spec, reads, bindings, spec.whenPosition(), "in 'when' of step '" + spec.name() + "'")
          .ifPresent(problems::add);
      return ""; // decided when the step becomes ready
    }
    try {
      Expression e = Template.whole(text).orElse(null);
      if (e == null) {
        if (Template.containsExpression(text)) {
          problems.add(
              new DescriptorProblem(
                  spec.whenPosition(),
                  "'when' of step '" + spec.name() + "' mixes text and ${{ }}",
                  "write one expression, such as ${{ params.branch == 'main' }}"));
          return "";
        }
        e = Expression.parse(text);
      }
      return e.test(bindings) ? "" : "when: " + text + " is false";
    } catch (ExpressionException ex) {
      problems.add(at(spec.whenPosition(), ex, "in 'when' of step '" + spec.name() + "'"));
      return "";
    }
  }

  private Command command(StepSpec spec, Bindings bindings) {
    SourcePosition at = spec.runPosition();
    Set<String> reads = NeedsReferences.of(spec.run());
    if (NeedsReferences.readsNeeds(reads)) {
      NeedsReferences.check(spec, reads, bindings, at, "in 'run' of step '" + spec.name() + "'")
          .ifPresent(problems::add);
      return spec.run(); // rendered when the step becomes ready
    }
    try {
      if (spec.run() instanceof Command.Shell shell) {
        return new Command.Shell(Template.parse(shell.script()).render(bindings, Quoting.SHELL));
      }
      List<String> args = new ArrayList<>();
      for (String arg : ((Command.Argv) spec.run()).args()) {
        args.add(Template.parse(arg).render(bindings, Quoting.NONE));
      }
      return new Command.Argv(args);
    } catch (ExpressionException ex) {
      for (ExpressionException each : everyProblem(spec.run(), bindings, ex)) {
        problems.add(at(at, each, "in 'run' of step '" + spec.name() + "'"));
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
    StageSpec rendered =
        stage.mapCommands(
            c -> {
              try {
                return CommandTemplates.render(c, bindings);
              } catch (ExpressionException ex) {
                for (ExpressionException each : everyProblem(c, bindings, ex)) {
                  problems.add(
                      at(stage.position(), each, "in a command of step '" + spec.name() + "'"));
                }
                return c;
              }
            });
    return new StepSpec(
        spec.name(),
        spec.position(),
        spec.kind(),
        spec.run(),
        spec.runPosition(),
        spec.needs(),
        spec.matrix(),
        spec.when(),
        spec.whenPosition(),
        spec.timeout(),
        spec.retry(),
        spec.env(),
        spec.workdir(),
        spec.continueOnError(),
        spec.agent(),
        spec.priority(),
        spec.concurrency(),
        Optional.of(rendered),
        spec.secrets(),
        spec.cache(),
        spec.container());
  }

  /** The step's {@code inputs} and {@code outputs} with {@code ${{ }}} substituted, unquoted. */
  private CacheSpec cachePaths(StepSpec spec, Bindings bindings) {
    CacheSpec cache = spec.cache();
    try {
      return new CacheSpec(
          cache.enabled(), render(cache.inputs(), bindings), render(cache.outputs(), bindings));
    } catch (ExpressionException ex) {
      problems.add(
          at(spec.position(), ex, "in 'inputs' or 'outputs' of step '" + spec.name() + "'"));
      return cache;
    }
  }

  private static List<String> render(List<String> paths, Bindings bindings) {
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      out.add(Template.parse(p).render(bindings, Quoting.NONE));
    }
    return out;
  }

  /**
   * Each substitution of {@code c} that fails, not only {@code first}: one check names them all.
   */
  private static List<ExpressionException> everyProblem(
      Command c, Bindings bindings, ExpressionException first) {
    List<ExpressionException> all = new ArrayList<>();
    try {
      if (c instanceof Command.Shell shell) {
        all.addAll(Template.parse(shell.script()).problems(bindings, Quoting.SHELL));
      } else {
        for (String arg : ((Command.Argv) c).args()) {
          all.addAll(Template.parse(arg).problems(bindings, Quoting.NONE));
        }
      }
    } catch (ExpressionException unparsable) {
      return List.of(first);
    }
    return all.isEmpty() ? List.of(first) : all;
  }

  private static DescriptorProblem at(SourcePosition base, ExpressionException ex, String where) {
    return new DescriptorProblem(
        base.shiftColumns(ex.offset()), ex.problem() + " " + where, ex.hint());
  }
}
