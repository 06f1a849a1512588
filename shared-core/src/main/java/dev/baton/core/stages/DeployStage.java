package dev.baton.core.stages;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.DeploySpec;
import dev.baton.core.io.MillisInstantModule;
import dev.baton.core.record.GateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Rolls a new version out stage by stage (direct, canary, blue-green), checks health and analysis
 * after each, and runs {@code rollback} on any failure. Every weight change is recorded with its
 * time and outcome.
 */
final class DeployStage {
  private final DeploySpec spec;
  private final StageContext ctx;
  private final List<Map<String, Object>> rollout = new ArrayList<>();
  private final List<Map<String, Object>> analyses = new ArrayList<>();
  private final @Nullable HealthCheck health;

  private DeployStage(DeploySpec spec, StageContext ctx) {
    this.spec = spec;
    this.ctx = ctx;
    this.health = spec.health().map(h -> new HealthCheck(h, ctx.commands())).orElse(null);
  }

  static StageResult run(DeploySpec spec, StageContext ctx) throws InterruptedException {
    return new DeployStage(spec, ctx).run();
  }

  private StageResult run() throws InterruptedException {
    Optional<String> failure = Optional.empty();
    switch (spec.strategy()) {
      case CANARY -> {
        for (int weight : spec.weights()) {
          failure = stage(weight, spec.shift().orElseThrow());
          if (failure.isPresent()) {
            break;
          }
        }
      }
      case BLUE_GREEN -> {
        failure =
            check("before switch")
                .map(f -> "the new version is not healthy before the switch: " + f);
        if (failure.isPresent()) {
          record(0, "failed", failure.get());
        } else {
          failure = stage(100, spec.switchCommand().orElseThrow());
        }
        if (failure.isEmpty() && spec.retire().isPresent()) {
          StageCommands.Outcome out = ctx.commands().run(spec.retire().get());
          failure =
              out.success() ? Optional.empty() : Optional.of("retire failed: " + out.describe());
        }
      }
      default -> failure = stage(100, spec.switchCommand().orElseThrow());
    }
    if (failure.isEmpty() && ctx.commands().isStopped()) {
      failure = Optional.of("stopped");
    }
    failure.ifPresent(this::rollback);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("strategy", spec.strategy().id());
    results.put("rollout", List.copyOf(rollout));
    if (!analyses.isEmpty()) {
      results.put(GateResult.RESULTS_KEY, List.copyOf(analyses));
    }
    return failure
        .map(f -> StageResult.failed("deployment rolled back: " + f, results))
        .orElseGet(() -> new StageResult(true, "deployed (" + spec.strategy().id() + ")", results));
  }

  /** Moves traffic to {@code weight}, bakes, checks; the reason it failed, or empty. */
  private Optional<String> stage(int weight, Command move) throws InterruptedException {
    if (ctx.commands().isStopped()) {
      return Optional.of("stopped");
    }
    ctx.commands().note("deploy: weight " + weight + "%");
    StageCommands.Outcome out = ctx.commands().run(withWeight(move, weight));
    if (!out.success()) {
      String why = "moving traffic to " + weight + "% failed: " + out.describe();
      record(weight, "failed", why);
      return Optional.of(why);
    }
    if (!ctx.commands().pause(spec.bake())) {
      record(weight, "failed", "stopped while baking");
      return Optional.of("stopped");
    }
    Optional<String> problem = check("weight " + weight);
    record(weight, problem.isPresent() ? "failed" : "ok", problem.orElse("healthy"));
    return problem.map(p -> "at " + weight + "%: " + p);
  }

  /**
   * Health checks, then analysis; the first problem found, or empty.
   *
   * @param stage names this check among the step's others ({@code weight 50}, {@code before
   *     switch}): the gates of every stage are recorded, and each must have a name of its own in
   *     junit.xml or CI test history merges them
   */
  private Optional<String> check(String stage) throws InterruptedException {
    if (health != null) {
      Optional<String> sick = health.check();
      if (sick.isPresent()) {
        return sick;
      }
    }
    if (spec.analysis().isEmpty()) {
      return Optional.empty();
    }
    DeploySpec.Analysis a = spec.analysis().get();
    for (int k = 0; k < a.count(); k++) {
      if (k > 0 && !ctx.commands().pause(a.interval())) {
        return Optional.of("stopped");
      }
      StageCommands.Outcome out = ctx.commands().run(a.run());
      if (!out.success()) {
        return Optional.of("analysis command failed: " + out.describe());
      }
      Map<String, Double> metrics;
      try {
        metrics = Metrics.fromOutput(out.output(), "the analysis command");
      } catch (StageException e) {
        return Optional.of(e.userMessage());
      }
      List<GateResult> gates =
          GateEvaluator.evaluate(a.gates(), metrics, GateEvaluator.BaselineValues.NONE);
      String at = a.count() > 1 ? stage + ", measurement " + (k + 1) : stage;
      gates.forEach(g -> analyses.add(atStage(g, at)));
      List<String> failed =
          gates.stream()
              .filter(g -> !Boolean.TRUE.equals(g.passed()))
              .map(GateResult::message)
              .collect(Collectors.toList());
      if (!failed.isEmpty()) {
        return Optional.of("analysis failed: " + String.join("; ", failed));
      }
    }
    return Optional.empty();
  }

  /** The gate's record, named {@code <gate> @ <stage>}, with the stage also on its own. */
  static Map<String, Object> atStage(GateResult gate, String stage) {
    Map<String, Object> map = gate.toMap();
    map.put("name", gate.name() + " @ " + stage);
    map.put("stage", stage);
    return map;
  }

  private void rollback(String reason) {
    ctx.commands().note("deploy: rolling back: " + reason);
    if (spec.rollback().isEmpty()) {
      record(0, "rollback", "no rollback command; traffic left as it was: " + reason);
      return;
    }
    try {
      StageCommands.Outcome out = ctx.commands().run(spec.rollback().get(), null, true);
      record(
          0,
          "rollback",
          (out.success() ? "rolled back: " : "rollback FAILED (" + out.describe() + "): ")
              + reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      record(0, "rollback", "rollback interrupted: " + reason);
    }
  }

  private void record(int weight, String outcome, String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("time", MillisInstantModule.format(Instant.now()));
    e.put("weight", weight);
    e.put("outcome", outcome);
    e.put("message", message);
    rollout.add(e);
  }

  /** The command with {@code ${{ deploy.weight }}} (planned as a placeholder) set to weight. */
  static Command withWeight(Command c, int weight) {
    String w = Integer.toString(weight);
    if (c instanceof Command.Shell s) {
      return new Command.Shell(s.script().replace(DeploySpec.WEIGHT_PLACEHOLDER, w));
    }
    List<String> args = new ArrayList<>();
    ((Command.Argv) c).args().forEach(a -> args.add(a.replace(DeploySpec.WEIGHT_PLACEHOLDER, w)));
    return new Command.Argv(args);
  }
}
