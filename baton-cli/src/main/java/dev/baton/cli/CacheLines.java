package dev.baton.cli;

import dev.baton.core.cache.CachingLauncher;
import dev.baton.core.events.RunEvent;

/** The console's words for what the step cache did. */
final class CacheLines {
  private CacheLines() {}

  static String describe(RunEvent.StepCache e) {
    String key = CachingLauncher.shortKey(e.key());
    return switch (e.action()) {
      case HIT -> "cache hit " + key + ": outputs restored, nothing ran";
      case MISS -> "cache miss " + key + " (" + e.detail() + "): running";
      case DISCARDED ->
          "warning: cache entry " + key + " discarded (" + e.detail() + "): running the step";
      case STORED -> "outputs cached as " + key;
      case NOT_STORED -> "warning: outputs not cached (" + e.detail() + ")";
    };
  }
}
