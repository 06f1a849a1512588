package dev.baton.core.history;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The rows the history store answers queries with: one record type per table. */
public final class HistoryRows {
  private HistoryRows() {}

  /** One run: what {@code history} lists. */
  public record RunRow(
      String runId,
      String pipeline,
      String status,
      Instant startedAt,
      long durationMillis,
      @Nullable String commit,
      @Nullable String branch,
      @Nullable Boolean dirty,
      Map<String, String> params) {
    public RunRow {
      params = Map.copyOf(params);
    }

    public String shortCommit() {
      return commit == null ? "" : commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
  }

  /** One step of one run; {@code queueWaitMillis} is what its attempts waited for leases. */
  public record StepRow(
      String runId,
      String stepId,
      String step,
      String status,
      long durationMillis,
      long queueWaitMillis) {}

  /**
   * One gate of a stage step: {@code metric} is the name the gate measures, {@code gate} all of it.
   */
  public record MetricRow(
      String runId,
      String stepId,
      String metric,
      String gate,
      @Nullable Double value,
      @Nullable Boolean passed) {}

  /** The benchmark of one step: the median and the interquartile range of its samples. */
  public record BenchmarkRow(
      String runId,
      String stepId,
      String unit,
      double median,
      double low,
      double high,
      String verdict) {}

  /** A file a step read ({@code input}) or wrote ({@code output}), with its digest. */
  public record FileRow(String runId, String stepId, String role, String path, String digest) {}
}
