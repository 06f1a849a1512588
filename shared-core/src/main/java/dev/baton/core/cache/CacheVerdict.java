package dev.baton.core.cache;

import dev.baton.core.record.StepState;
import java.util.Optional;

/**
 * A step handle whose outcome the cache decided rather than the process's exit code: {@code CACHED}
 * for a hit, {@code FAILED} for a success that did not produce its declared outputs.
 */
public interface CacheVerdict {

  /** The outcome, once the handle's exit has completed; empty: judge by the exit status. */
  Optional<Verdict> verdict();

  /** A state and the message that explains it. */
  record Verdict(StepState state, String message) {}
}
