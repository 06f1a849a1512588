package dev.baton.core.descriptor;

import java.util.List;
import java.util.Set;

/**
 * When and how often a failed attempt is tried again.
 *
 * @param limit retries after the first attempt (0: no retry)
 * @param onExitCodes retry only these exit codes; empty: any failure
 * @param onLogPattern retry only when the log matches this regular expression; empty: any
 * @param otherAgent move a retried attempt to another matching agent when there is one
 */
public record RetryPolicy(
    int limit,
    Backoff backoff,
    Jitter jitter,
    Set<Integer> onExitCodes,
    String onLogPattern,
    boolean retryTimeouts,
    boolean otherAgent) {

  public static final RetryPolicy NONE =
      new RetryPolicy(0, Backoff.DEFAULT, Jitter.NONE, Set.of(), "", false, false);

  public RetryPolicy {
    onExitCodes = Set.copyOf(onExitCodes);
    onLogPattern = onLogPattern == null ? "" : onLogPattern;
  }

  /** {@code none}: exact backoff; {@code full}: uniformly random in [0, backoff]. */
  public enum Jitter {
    NONE,
    FULL;

    public static List<String> names() {
      return List.of("none", "full");
    }
  }
}
