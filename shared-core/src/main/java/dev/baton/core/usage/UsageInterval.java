package dev.baton.core.usage;

import dev.baton.core.descriptor.Durations;
import dev.baton.core.errors.UsageException;
import java.time.Duration;
import java.util.Optional;

/**
 * How often running attempts are sampled: the Java system property {@code baton.usage.interval}
 * (which every front end passes through from the JVM), else the environment variable {@code
 * BATON_USAGE_INTERVAL}: a duration such as {@code 1s} or {@code 500ms}; {@code 0} or {@code off}
 * switches sampling off. One second by default.
 */
public final class UsageInterval {
  public static final String PROPERTY = "baton.usage.interval";
  public static final String VARIABLE = "BATON_USAGE_INTERVAL";
  public static final Duration DEFAULT = Duration.ofSeconds(1);
  static final Duration SHORTEST = Duration.ofMillis(50);

  private UsageInterval() {}

  /** The configured interval; empty when sampling is off. */
  public static Optional<Duration> configured() {
    String env = System.getenv(VARIABLE);
    return parse(System.getProperty(PROPERTY, env == null ? "" : env));
  }

  static Optional<Duration> parse(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Optional.of(DEFAULT);
    }
    if (t.equals("0") || t.equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(t);
    if (d.isEmpty() || d.get().compareTo(SHORTEST) < 0) {
      throw new UsageException(
          "the usage sampling interval '"
              + text
              + "' (Java system property "
              + PROPERTY
              + " or environment variable "
              + VARIABLE
              + ") is not a duration of at least 50ms; use one such as 1s or 500ms, or 0 to switch"
              + " sampling off");
    }
    return d;
  }
}
