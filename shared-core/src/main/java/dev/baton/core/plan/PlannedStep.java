package dev.baton.core.plan;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.ConcurrencySpec;
import dev.baton.core.descriptor.RetryPolicy;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.descriptor.StepSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One unit of work after planning: a step, or one cell of a step's matrix, with every expression
 * resolved.
 *
 * @param id {@code train} or {@code train[lr=0.01]}
 * @param command the command with {@code ${{ }}} substituted (shell-quoted for shell commands)
 * @param needs ids of the planned steps this one waits for
 * @param env the step's environment on top of the run's (pipeline env, then step env)
 * @param skipReason why {@code when} ruled the step out; empty when it runs
 */
public record PlannedStep(
    String id,
    StepSpec spec,
    Map<String, String> matrix,
    Command command,
    List<String> needs,
    Map<String, String> env,
    Path workdir,
    Optional<Duration> timeout,
    RetryPolicy retry,
    AgentRequest agent,
    Optional<ConcurrencySpec> concurrency,
    String skipReason) {

  public PlannedStep {
    // Frozen maps are kept as they are: the cells of a large matrix share their env.
    matrix = FrozenMap.of(matrix);
    needs = List.copyOf(needs);
    env = FrozenMap.of(env);
    skipReason = skipReason == null ? "" : skipReason;
  }

  public String stepName() {
    return spec.name();
  }

  public StepKind kind() {
    return spec.kind();
  }

  public boolean continueOnError() {
    return spec.continueOnError();
  }

  public int priority() {
    return spec.priority();
  }

  public boolean skipped() {
    return !skipReason.isEmpty();
  }

  /**
   * This step with the fields that read {@code needs.*} resolved: {@code resolvedCommand} and
   * {@code resolvedEnv}, decided when its needs have ended.
   */
  public PlannedStep withLateFields(Command resolvedCommand, Map<String, String> resolvedEnv) {
    return new PlannedStep(
        id,
        spec,
        matrix,
        resolvedCommand,
        needs,
        resolvedEnv,
        workdir,
        timeout,
        retry,
        agent,
        concurrency,
        skipReason);
  }

  /** This step with its spec's stage resolved when its needs ended. */
  public PlannedStep withSpec(StepSpec resolvedSpec) {
    return new PlannedStep(
        id,
        resolvedSpec,
        matrix,
        command,
        needs,
        env,
        workdir,
        timeout,
        retry,
        agent,
        concurrency,
        skipReason);
  }

  /** This step waiting for {@code newNeeds} instead. */
  public PlannedStep withNeeds(List<String> newNeeds) {
    return new PlannedStep(
        id,
        spec,
        matrix,
        command,
        newNeeds,
        env,
        workdir,
        timeout,
        retry,
        agent,
        concurrency,
        skipReason);
  }
}
