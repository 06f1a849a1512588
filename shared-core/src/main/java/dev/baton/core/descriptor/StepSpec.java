package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step as written in the descriptor, before matrix expansion and {@code when} evaluation.
 *
 * @param when the condition text, without {@code ${{ }}}; empty when always
 * @param timeout empty: no timeout
 * @param workdir relative to the descriptor's directory; empty: that directory
 * @param stage what a validate, benchmark or deploy step does beyond {@code run}; empty for plain
 *     steps
 * @param secrets names of the secrets the step receives as environment variables
 * @param cache {@code cache}, {@code inputs} and {@code outputs}; {@link CacheSpec#NONE} when unset
 * @param needCells needs on one cell or a subset of a matrix step, by step name in {@code needs}; a
 *     need not listed here is on every cell
 * @param container the image the step's commands run in; empty: on the host
 * @param artifacts the named files each successful run records a version of
 */
public record StepSpec(
    String name,
    SourcePosition position,
    StepKind kind,
    Command run,
    SourcePosition runPosition,
    List<String> needs,
    MatrixSpec matrix,
    String when,
    SourcePosition whenPosition,
    Optional<Duration> timeout,
    RetryPolicy retry,
    Map<String, String> env,
    String workdir,
    boolean continueOnError,
    AgentRequest agent,
    int priority,
    Optional<ConcurrencySpec> concurrency,
    Optional<StageSpec> stage,
    List<String> secrets,
    CacheSpec cache,
    List<NeedSpec> needCells,
    Optional<ContainerSpec> container,
    List<ArtifactSpec> artifacts) {

  public StepSpec {
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    needCells = needCells == null ? List.of() : List.copyOf(needCells);
    container = container == null ? Optional.empty() : container;
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    needs = List.copyOf(needs);
    env = Map.copyOf(env);
    workdir = workdir == null ? "" : workdir;
    when = when == null ? "" : when;
    stage = stage == null ? Optional.empty() : stage;
    cache = cache == null ? CacheSpec.NONE : cache;
  }

  /** The needs on part of step {@code need}; empty when this step needs all its cells. */
  public List<NeedSpec> needCellsOf(String need) {
    return needCells.stream().filter(n -> n.step().equals(need)).toList();
  }

  /**
   * This step as resolved when it became ready: {@code command} its command, its {@code when}
   * decided and its env already in the planned step; everything else (cache, container, artifacts)
   * as declared.
   */
  public StepSpec resolvedAs(Command command) {
    return new StepSpec(
        name,
        position,
        kind,
        command,
        runPosition,
        needs,
        matrix,
        "",
        whenPosition,
        timeout,
        retry,
        Map.of(),
        workdir,
        continueOnError,
        agent,
        priority,
        concurrency,
        stage,
        secrets,
        cache,
        needCells,
        container,
        artifacts);
  }

  /** This step with other {@code cache}, {@code inputs} and {@code outputs}. */
  public StepSpec withCache(CacheSpec other) {
    return new StepSpec(
        name,
        position,
        kind,
        run,
        runPosition,
        needs,
        matrix,
        when,
        whenPosition,
        timeout,
        retry,
        env,
        workdir,
        continueOnError,
        agent,
        priority,
        concurrency,
        stage,
        secrets,
        other,
        needCells,
        container,
        artifacts);
  }

  /** This step with {@code other} as its stage (its commands and gates resolved). */
  public StepSpec withStage(Optional<StageSpec> other) {
    return new StepSpec(
        name,
        position,
        kind,
        run,
        runPosition,
        needs,
        matrix,
        when,
        whenPosition,
        timeout,
        retry,
        env,
        workdir,
        continueOnError,
        agent,
        priority,
        concurrency,
        other,
        secrets,
        cache,
        needCells,
        container,
        artifacts);
  }
}
