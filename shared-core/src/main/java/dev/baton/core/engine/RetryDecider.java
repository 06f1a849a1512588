package dev.baton.core.engine;

import dev.baton.core.descriptor.Backoff;
import dev.baton.core.descriptor.RetryPolicy;
import dev.baton.core.record.StepState;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Decides whether a failed attempt is tried again, and after how long. Pure but for jitter. */
final class RetryDecider {
  private RetryDecider() {}

  /**
   * The delay before the next attempt, or empty when the attempt's failure is final.
   *
   * @param attempt the attempt that just ended, from 1
   * @param exitCode its exit code, or null when it never started
   * @param logTail the end of its log, for {@code on.logPattern}
   */
  static Optional<Duration> retryAfter(
      RetryPolicy policy,
      int attempt,
      StepState outcome,
      @Nullable Integer exitCode,
      String logTail,
      RandomGenerator random) {
    if (attempt > policy.limit() || !outcome.isRetriable()) {
      return Optional.empty();
    }
    if (outcome == StepState.TIMED_OUT && !policy.retryTimeouts()) {
      return Optional.empty();
    }
    if (outcome == StepState.FAILED) {
      if (exitCode == null) {
        return Optional.empty();
      }
      if (!policy.onExitCodes().isEmpty() && !policy.onExitCodes().contains(exitCode)) {
        return Optional.empty();
      }
    }
    if (!policy.onLogPattern().isEmpty()
        && !Pattern.compile(policy.onLogPattern()).matcher(logTail).find()) {
      return Optional.empty();
    }
    return Optional.of(delay(policy, attempt, random));
  }

  /**
   * {@code duration * factor^(attempt-1)}, capped at {@code maxDuration}, with optional full
   * jitter.
   */
  static Duration delay(RetryPolicy policy, int attempt, RandomGenerator random) {
    Backoff b = policy.backoff();
    double millis = b.duration().toMillis() * Math.pow(b.factor(), attempt - 1);
    millis = Math.min(millis, (double) b.maxDuration().toMillis());
    if (policy.jitter() == RetryPolicy.Jitter.FULL) {
      millis = random.nextDouble() * millis;
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
