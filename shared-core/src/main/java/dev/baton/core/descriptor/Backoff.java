package dev.baton.core.descriptor;

import java.time.Duration;

/** Exponential backoff between attempts: {@code duration * factor^(attempt-1)}, capped. */
public record Backoff(Duration duration, double factor, Duration maxDuration) {
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1));
}
