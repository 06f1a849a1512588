package dev.baton.core.cache;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.ForwardingStepHandle;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.record.StepState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The handles the caching launcher returns. */
final class CachedHandles {
  private CachedHandles() {}

  /** A hit: already finished, nothing ran. */
  static StepHandle hit(String message) {
    StepHandle nothingRan = StepHandle.finished(ExitStatus.exited(0));
    return new Judged(nothingRan, nothingRan.exit())
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

  /**
   * The caching launcher's verdict on an attempt; everything else about the attempt (its process
   * group, Slurm job, usage) is the running handle's.
   */
  private static final class Judged extends ForwardingStepHandle implements CacheVerdict {
    private CompletableFuture<ExitStatus> exit;
    private volatile @Nullable Verdict verdict;

    Judged(StepHandle inner, CompletableFuture<ExitStatus> exit) {
      super(inner);
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

    /** This handle, which knows the verdict, is what the engine asks about the cache. */
    @Override
    public StepHandle underlying() {
      return this;
    }

    @Override
    public Optional<Verdict> verdict() {
      return Optional.ofNullable(verdict);
    }
  }
}
