package dev.baton.core.history;

import dev.baton.core.history.HistoryRows.BenchmarkRow;
import dev.baton.core.history.HistoryRows.MetricRow;
import dev.baton.core.history.HistoryRows.RunRow;
import dev.baton.core.history.HistoryRows.StepRow;
import dev.baton.core.report.TrendsPage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The trends page of the runs a query selects: one chart of every gate metric, one of benchmark
 * medians with their interquartile range, one of step durations and one of what steps waited for
 * leases, each a line per metric or step over the runs, oldest first. Built from the store's small
 * tables, not from the run records.
 */
public final class Trends {
  private Trends() {}

  public static TrendsPage page(HistoryStore store, HistoryQuery query) {
    List<RunRow> runs = new ArrayList<>(store.runs(query));
    Collections.reverse(runs);
    List<String> ids = runs.stream().map(RunRow::runId).toList();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    List<TrendsPage.Run> points =
        runs.stream()
            .map(r -> new TrendsPage.Run(r.runId(), r.status(), r.startedAt(), r.shortCommit()))
            .toList();
    List<MetricRow> metrics = store.metrics(ids);
    List<BenchmarkRow> benchmarks = store.benchmarks(ids);
    List<StepRow> steps = store.steps(ids);
    List<TrendsPage.Chart> charts = new ArrayList<>();
    charts.add(
        new TrendsPage.Chart(
            "Gate metrics",
            "",
            lines(
                metrics,
                m -> m.stepId() + " " + m.metric(),
                MetricRow::runId,
                MetricRow::value,
                index)));
    charts.add(benchmarkChart(benchmarks, index));
    charts.add(
        new TrendsPage.Chart(
            "Step durations",
            "s",
            lines(
                steps, StepRow::stepId, StepRow::runId, s -> s.durationMillis() / 1000.0, index)));
    charts.add(
        new TrendsPage.Chart(
            "Queue waits (leases)",
            "s",
            lines(
                steps, StepRow::stepId, StepRow::runId, s -> s.queueWaitMillis() / 1000.0, index)));
    String title = query.pipeline() == null ? "Run trends" : "Run trends: " + query.pipeline();
    return new TrendsPage(title, points, charts);
  }

  private record Band(
      List<@Nullable Double> median, List<@Nullable Double> low, List<@Nullable Double> high) {}

  private static TrendsPage.Chart benchmarkChart(
      List<BenchmarkRow> rows, Map<String, Integer> index) {
    Map<String, Band> by = new LinkedHashMap<>();
    String unit = "";
    for (BenchmarkRow b : rows) {
      Integer i = index.get(b.runId());
      if (i == null) {
        continue;
      }
      unit = b.unit();
      int n = index.size();
      Band band = by.computeIfAbsent(b.stepId(), k -> new Band(empty(n), empty(n), empty(n)));
      band.median().set(i, b.median());
      band.low().set(i, b.low());
      band.high().set(i, b.high());
    }
    List<TrendsPage.Line> lines = new ArrayList<>();
    by.forEach(
        (name, band) ->
            lines.add(
                new TrendsPage.Line(name + " median", band.median(), band.low(), band.high())));
    return new TrendsPage.Chart("Benchmark medians (band: interquartile range)", unit, lines);
  }

  private static <T> List<TrendsPage.Line> lines(
      List<T> rows,
      Function<T, String> name,
      Function<T, String> run,
      Function<T, @Nullable Double> value,
      Map<String, Integer> index) {
    Map<String, List<@Nullable Double>> by = new LinkedHashMap<>();
    for (T row : rows) {
      Integer i = index.get(run.apply(row));
      if (i == null) {
        continue;
      }
      by.computeIfAbsent(name.apply(row), k -> empty(index.size())).set(i, value.apply(row));
    }
    List<TrendsPage.Line> out = new ArrayList<>();
    by.forEach((k, v) -> out.add(new TrendsPage.Line(k, v, null, null)));
    return out;
  }

  private static List<@Nullable Double> empty(int n) {
    return new ArrayList<>(Collections.nCopies(n, (Double) null));
  }
}
