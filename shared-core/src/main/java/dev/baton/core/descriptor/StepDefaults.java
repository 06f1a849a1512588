package dev.baton.core.descriptor;

import java.time.Duration;
import java.util.Optional;

/** Values every step inherits unless it sets its own. */
public record StepDefaults(Optional<Duration> timeout, RetryPolicy retry, AgentRequest agent) {
  public static final StepDefaults NONE =
      new StepDefaults(Optional.empty(), RetryPolicy.NONE, AgentRequest.ANY);
}
