package dev.baton.core.descriptor;

import java.time.Duration;
import java.util.Optional;

/** Values every step inherits unless it sets its own. */
public record StepDefaults(
    Optional<Duration> timeout,
    RetryPolicy retry,
    AgentRequest agent,
    Optional<ContainerSpec> container) {
  public static final StepDefaults NONE =
      new StepDefaults(Optional.empty(), RetryPolicy.NONE, AgentRequest.ANY, Optional.empty());

  /** Defaults that name no container. */
  public StepDefaults(Optional<Duration> timeout, RetryPolicy retry, AgentRequest agent) {
    this(timeout, retry, agent, Optional.empty());
  }
}
