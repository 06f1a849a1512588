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
 * @param container the image the step's commands run in; empty: on the host
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
    Optional<ContainerSpec> container) {

  public StepSpec {
    container = container == null ? Optional.empty() : container;
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    needs = List.copyOf(needs);
    env = Map.copyOf(env);
    workdir = workdir == null ? "" : workdir;
    when = when == null ? "" : when;
    stage = stage == null ? Optional.empty() : stage;
    cache = cache == null ? CacheSpec.NONE : cache;
  }

  /** A step that runs on the host. */
  public StepSpec(
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
      CacheSpec cache) {
    this(
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
        cache,
        Optional.empty());
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
        container);
  }
}
