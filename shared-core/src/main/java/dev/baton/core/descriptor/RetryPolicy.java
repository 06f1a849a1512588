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
 * @param otherGpu give a retried attempt GPU indices that no earlier attempt had on its agent, when
 *     enough of them are free; else it reuses them rather than waits
 */
public record RetryPolicy(
    int limit,
    Backoff backoff,
    Jitter jitter,
    Set<Integer> onExitCodes,
    String onLogPattern,
    boolean retryTimeouts,
    boolean otherAgent,
    boolean otherGpu) {

  public static final RetryPolicy NONE =
      new RetryPolicy(0, Backoff.DEFAULT, Jitter.NONE, Set.of(), "", false, false, false);

  /** A policy that does not choose GPUs: as before {@code otherGpu}. */
  public RetryPolicy(
      int limit,
      Backoff backoff,
      Jitter jitter,
      Set<Integer> onExitCodes,
      String onLogPattern,
      boolean retryTimeouts,
      boolean otherAgent) {
    this(limit, backoff, jitter, onExitCodes, onLogPattern, retryTimeouts, otherAgent, false);
  }

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
