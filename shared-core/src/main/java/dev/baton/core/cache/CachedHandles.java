package dev.baton.core.cache;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.StepState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The handles the caching launcher returns. */
final class CachedHandles {
  private CachedHandles() {}

  /** A hit: already finished, nothing ran. */
  static StepHandle hit(String message) {
    return new Judged(null, CompletableFuture.completedFuture(ExitStatus.exited(0)))
        .judge(new CacheVerdict.Verdict(StepState.CACHED, message));
  }

  /**
   * A running attempt whose successful exit first passes through {@code onSuccess}, which may turn
   * it into a failure (outputs missing).
   */
  static StepHandle storing(
      StepHandle running, Function<ExitStatus, Optional<CacheVerdict.Verdict>> onSuccess) {
    Judged judged = new Judged(running, running.exit()); // its exit is the judged one, below
    judged.exit =
        running
            .exit()
            .thenApply(
                status -> {
                  if (status.success()) {
                    onSuccess.apply(status).ifPresent(v -> judged.verdict = v);
                  }
                  return status;
                });
    return judged;
  }

  private static final class Judged implements StepHandle, CacheVerdict {
    private final @Nullable StepHandle inner;
    private CompletableFuture<ExitStatus> exit;
    private volatile @Nullable Verdict verdict;

    Judged(@Nullable StepHandle inner, CompletableFuture<ExitStatus> exit) {
      this.inner = inner;
      this.exit = exit;
    }

    Judged judge(Verdict v) {
      verdict = v;
      return this;
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
      return exit;
    }

    @Override
    public void stop(Duration grace) {
      if (inner != null) {
        inner.stop(grace);
      }
    }

    @Override
    public Map<String, Object> results() {
      return inner == null ? Map.of() : inner.results();
    }

    @Override
    public @Nullable AttemptUsage usage() {
      return inner == null ? null : inner.usage();
    }

    @Override
    public Optional<Verdict> verdict() {
      return Optional.ofNullable(verdict);
    }
  }
}
