package dev.baton.core.history;

import dev.baton.core.history.HistoryRows.BenchmarkRow;
import dev.baton.core.history.HistoryRows.MetricRow;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.SourceRecord;
import dev.baton.core.record.StepRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Two runs side by side, as text: params and code that differ, each step's status and duration,
 * every gate metric and benchmark median with the change from the first run to the second and, for
 * benchmarks, the regression verdict the second run's step reached.
 */
public final class RunComparison {
  private RunComparison() {}

  public static String text(RunRecord a, RunRecord b) {
    StringBuilder out = new StringBuilder();
    out.append("comparing ").append(a.runId()).append(" → ").append(b.runId()).append('\n');
    out.append("\ncode\n");
    out.append(row("commit", commit(a.source()), commit(b.source())));
    out.append(
        row("descriptor", shortDigest(a.descriptorDigest()), shortDigest(b.descriptorDigest())));
    out.append("\nparams\n");
    Set<String> names = new LinkedHashSet<>(a.params().keySet());
    names.addAll(b.params().keySet());
    for (String n : names) {
      out.append(row(n, a.params().getOrDefault(n, "—"), b.params().getOrDefault(n, "—")));
    }
    out.append("\nsteps\n");
    Map<String, StepRecord> before = new LinkedHashMap<>();
    a.steps().forEach(s -> before.put(s.id(), s));
    Set<String> ids = new LinkedHashSet<>(before.keySet());
    b.steps().forEach(s -> ids.add(s.id()));
    Map<String, StepRecord> after = new LinkedHashMap<>();
    b.steps().forEach(s -> after.put(s.id(), s));
    for (String id : ids) {
      StepRecord x = before.get(id);
      StepRecord y = after.get(id);
      out.append(
          row(
              id,
              x == null ? "—" : x.status() + " " + seconds(x.durationMillis()),
              y == null ? "—" : y.status() + " " + seconds(y.durationMillis())));
    }
    out.append("\nmetrics\n");
    Map<String, MetricRow> ma = byKey(RecordRows.metrics(a));
    Map<String, MetricRow> mb = byKey(RecordRows.metrics(b));
    Set<String> keys = new LinkedHashSet<>(ma.keySet());
    keys.addAll(mb.keySet());
    if (keys.isEmpty()) {
      out.append("  (no gate metrics)\n");
    }
    for (String k : keys) {
      Double va = ma.containsKey(k) ? ma.get(k).value() : null;
      Double vb = mb.containsKey(k) ? mb.get(k).value() : null;
      out.append(row(k, number(va), number(vb) + change(va, vb)));
    }
    out.append("\nbenchmarks\n");
    List<BenchmarkRow> ba = RecordRows.benchmarks(a);
    List<BenchmarkRow> bb = RecordRows.benchmarks(b);
    if (ba.isEmpty() && bb.isEmpty()) {
      out.append("  (no benchmarks)\n");
    }
    Set<String> benchIds = new LinkedHashSet<>();
    ba.forEach(r -> benchIds.add(r.stepId()));
    bb.forEach(r -> benchIds.add(r.stepId()));
    for (String id : benchIds) {
      BenchmarkRow x = ba.stream().filter(r -> r.stepId().equals(id)).findFirst().orElse(null);
      BenchmarkRow y = bb.stream().filter(r -> r.stepId().equals(id)).findFirst().orElse(null);
      Double xm = x == null ? null : x.median();
      Double ym = y == null ? null : y.median();
      String unit = y != null ? y.unit() : x != null ? x.unit() : "";
      out.append(
          row(
              id + " median",
              number(xm) + " " + unit,
              number(ym) + " " + unit + change(xm, ym) + (y == null ? "" : " " + y.verdict())));
    }
    return out.toString();
  }

  private static Map<String, MetricRow> byKey(List<MetricRow> rows) {
    Map<String, MetricRow> out = new LinkedHashMap<>();
    for (MetricRow r : rows) {
      out.putIfAbsent(r.stepId() + " " + r.metric(), r);
    }
    return out;
  }

  private static String row(String name, String a, String b) {
    return String.format(Locale.ROOT, "  %-28s %-24s → %s%n", name, a, b);
  }

  private static String commit(@Nullable SourceRecord s) {
    return s == null ? "—" : s.shortCommit() + (s.dirty() ? " (dirty)" : "");
  }

  private static String shortDigest(@Nullable String d) {
    return d == null ? "—" : d.substring(0, Math.min(d.length(), 19));
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  static String number(@Nullable Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%.4g", v);
  }

  /** {@code (+0.0120, +1.4%)}; empty when either side is missing. */
  static String change(@Nullable Double a, @Nullable Double b) {
    if (a == null || b == null) {
      return "";
    }
    double d = b - a;
    String pct = a == 0 ? "" : String.format(Locale.ROOT, ", %+.1f%%", 100 * d / Math.abs(a));
    return String.format(Locale.ROOT, " (%+.4g%s)", d, pct);
  }

  /** The gate metrics of both runs, for machine-readable output. */
  static List<String> metricKeys(RunRecord r) {
    return new ArrayList<>(byKey(RecordRows.metrics(r)).keySet());
  }
}
