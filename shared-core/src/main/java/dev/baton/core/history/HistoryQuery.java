package dev.baton.core.history;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which runs a history query selects, newest first.
 *
 * @param pipeline only runs of this pipeline; null for all
 * @param step only runs that have a step of this name or id; null for all
 * @param statuses only runs that ended with one of these statuses; empty for all
 * @param limit at most this many runs (the newest); 0 for no limit
 */
public record HistoryQuery(
    @Nullable String pipeline, @Nullable String step, List<String> statuses, int limit) {
  public HistoryQuery {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }

  public static HistoryQuery last(int limit) {
    return new HistoryQuery(null, null, List.of(), limit);
  }
}
