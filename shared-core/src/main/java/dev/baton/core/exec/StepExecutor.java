package dev.baton.core.exec;

import java.util.Optional;

/**
 * Starts attempts on some engine: local processes, Slurm jobs. Executors act; they never decide
 * what runs where (the scheduler does).
 */
public interface StepExecutor extends AutoCloseable {

  /** The name users select the executor by ({@code local}, {@code slurm}). */
  String name();

  /**
   * Starts one attempt. A program that cannot be started completes the handle with {@link
   * ExitStatus#couldNotLaunch}; this method throws only for infrastructure failures (an engine that
   * does not answer), as {@link dev.baton.core.errors.InfrastructureException}.
   */
  StepHandle launch(StepLaunch launch);

  /**
   * What users should know about how this executor will start steps — a slower fallback it had to
   * take — or empty.
   */
  default Optional<String> notice() {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
