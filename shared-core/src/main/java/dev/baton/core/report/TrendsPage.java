package dev.baton.core.report;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What trends.html shows: the runs, oldest first, and charts of values over them.
 *
 * @param title the page heading
 * @param runs the runs, oldest first; every line has one value (or null) per run
 * @param charts one chart per group of lines (gate metrics, benchmarks, step durations, waits)
 */
public record TrendsPage(String title, List<Run> runs, List<Chart> charts) {
  public TrendsPage {
    runs = List.copyOf(runs);
    charts = List.copyOf(charts);
  }

  public record Run(String runId, String status, Instant startedAt, String commit) {}

  /** A chart's lines share its unit and y axis. */
  public record Chart(String title, String unit, List<Line> lines) {
    public Chart {
      lines = List.copyOf(lines);
    }
  }

  /**
   * One line: a value per run (null where the run has none), and an optional band around it (the
   * benchmark's interquartile range), as low and high per run.
   */
  public record Line(
      String name,
      List<@Nullable Double> values,
      @Nullable List<@Nullable Double> low,
      @Nullable List<@Nullable Double> high) {}
}
