package dev.baton.core.history;

import dev.baton.core.history.HistoryRows.BenchmarkRow;
import dev.baton.core.history.HistoryRows.FileRow;
import dev.baton.core.history.HistoryRows.MetricRow;
import dev.baton.core.history.HistoryRows.StepRow;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.BenchmarkResult;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepLineage;
import dev.baton.core.record.StepRecord;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Splits a run record into the rows of the store's tables. */
final class RecordRows {
  private RecordRows() {}

  static List<StepRow> steps(RunRecord r) {
    List<StepRow> out = new ArrayList<>();
    for (StepRecord s : r.steps()) {
      long wait = s.attempts().stream().mapToLong(AttemptRecord::leaseWaitMillis).sum();
      out.add(
          new StepRow(r.runId(), s.id(), s.step(), s.status().name(), s.durationMillis(), wait));
    }
    return out;
  }

  static List<MetricRow> metrics(RunRecord r) {
    List<MetricRow> out = new ArrayList<>();
    for (StepRecord s : r.steps()) {
      for (GateResult g : GateResult.of(s)) {
        out.add(
            new MetricRow(
                r.runId(), s.id(), metricOf(g.name()), g.name(), number(g.value()), g.passed()));
      }
    }
    return out;
  }

  static List<BenchmarkRow> benchmarks(RunRecord r) {
    List<BenchmarkRow> out = new ArrayList<>();
    for (StepRecord s : r.steps()) {
      BenchmarkResult.of(s)
          .filter(b -> !b.samples().isEmpty())
          .ifPresent(
              b -> {
                List<Double> sorted = b.samples().stream().sorted().toList();
                out.add(
                    new BenchmarkRow(
                        r.runId(),
                        s.id(),
                        b.unit(),
                        quantile(sorted, 0.5),
                        quantile(sorted, 0.25),
                        quantile(sorted, 0.75),
                        b.verdict()));
              });
    }
    return out;
  }

  static List<FileRow> files(RunRecord r) {
    List<FileRow> out = new ArrayList<>();
    for (StepRecord s : r.steps()) {
      StepLineage l = s.lineage();
      if (l != null) {
        l.inputs().forEach((p, d) -> out.add(new FileRow(r.runId(), s.id(), "input", p, d)));
        l.outputs().forEach((p, d) -> out.add(new FileRow(r.runId(), s.id(), "output", p, d)));
      }
    }
    return out;
  }

  /**
   * What a gate measures: its name up to the comparison ({@code accuracy} of {@code accuracy >=
   * 0.90}), so a changed threshold keeps the metric's line.
   */
  static String metricOf(String gate) {
    String name = gate.strip();
    int space = name.indexOf(' ');
    return space > 0 ? name.substring(0, space) : name;
  }

  static @Nullable Double number(@Nullable Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Linear interpolation between closest ranks, as the report's box plots compute it. */
  static double quantile(List<Double> sorted, double p) {
    double pos = p * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
  }
}
