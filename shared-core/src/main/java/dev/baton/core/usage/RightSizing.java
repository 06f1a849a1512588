package dev.baton.core.usage;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.GpuUsage;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Right-sizing advice: per step, what it asked for ({@code gpus}, {@code cpus}, {@code memory},
 * {@code timeout}) against the most it used over one or several runs, with headroom. Advice only:
 * the descriptor is never changed.
 */
public final class RightSizing {
  /** A GPU counts as used once it reached this utilisation (percent) or this much memory. */
  static final double GPU_USED_UTILIZATION = 5;

  static final long GPU_USED_MEMORY = 1L << 30;
  static final double HEADROOM = 1.25;
  private static final double GIB = 1024.0 * 1024 * 1024;

  private RightSizing() {}

  /**
   * One piece of advice.
   *
   * @param stepId the step (matrix cell) it is about
   * @param field the descriptor field to change ({@code gpus}, {@code cpus}, {@code memory}, {@code
   *     timeout})
   * @param suggested the value to write there
   * @param text the whole advice for people, as {@code train: asked 4 GPUs, used 1 (…) → gpus: 1}
   */
  public record Advice(String stepId, String field, String suggested, String text) {}

  /** The advice for the steps of {@code runs}, in the order they first appear. */
  public static List<Advice> advise(List<RunRecord> runs) {
    Map<String, Seen> byStep = new LinkedHashMap<>();
    for (RunRecord run : runs) {
      for (StepRecord step : run.steps()) {
        StepRequest asked = step.requested();
        if (asked != null) {
          byStep.computeIfAbsent(step.id(), id -> new Seen(asked)).add(step);
        }
      }
    }
    List<Advice> out = new ArrayList<>();
    byStep.forEach((id, seen) -> seen.advise(id, out));
    return out;
  }

  /** The most a step used, over every measured attempt of every run given. */
  private static final class Seen {
    private final StepRequest asked;
    private int measured;
    private int gpusUsed;
    private boolean gpusSampled;
    private long gpuPeakMemory;
    private long gpuTotal;
    private double gpuPeakUtil;
    private long peakRss;
    private double cpusUsed;
    private long longestMillis;
    private int succeeded;

    Seen(StepRequest asked) {
      this.asked = asked;
    }

    void add(StepRecord step) {
      if (step.status().isSuccessful() && !step.attempts().isEmpty()) {
        succeeded++;
        longestMillis =
            Math.max(
                longestMillis, step.attempts().get(step.attempts().size() - 1).durationMillis());
      }
      for (AttemptRecord a : step.attempts()) {
        AttemptUsage u = a.usage();
        if (u == null) {
          continue;
        }
        measured++;
        peakRss = Math.max(peakRss, u.peakRssBytes());
        if (a.durationMillis() > 0) {
          cpusUsed = Math.max(cpusUsed, u.cpuSeconds() * 1000.0 / a.durationMillis());
        }
        if (!u.gpus().isEmpty()) {
          gpusSampled = true;
          int used = 0;
          for (GpuUsage g : u.gpus()) {
            boolean busy =
                g.peakUtilization() >= GPU_USED_UTILIZATION
                    || g.peakMemoryBytes() >= GPU_USED_MEMORY;
            if (busy) {
              used++;
              gpuPeakMemory = Math.max(gpuPeakMemory, g.peakMemoryBytes());
              gpuPeakUtil = Math.max(gpuPeakUtil, g.peakUtilization());
              if (g.totalMemoryBytes() != null) {
                gpuTotal = Math.max(gpuTotal, g.totalMemoryBytes());
              }
            }
          }
          gpusUsed = Math.max(gpusUsed, used);
        }
      }
    }

    void advise(String id, List<Advice> out) {
      if (asked.gpus() > 0 && gpusSampled && Math.max(gpusUsed, 1) < asked.gpus()) {
        int suggest = Math.max(gpusUsed, 1);
        String detail =
            gpusUsed == 0
                ? "none busy"
                : String.format(
                    Locale.ROOT,
                    "peak %s%s, %.0f%% util",
                    gib(gpuPeakMemory),
                    gpuTotal > 0 ? " of " + Math.round(gpuTotal / GIB) : "",
                    gpuPeakUtil);
        out.add(
            advice(
                id,
                "gpus",
                Integer.toString(suggest),
                "asked " + asked.gpus() + " GPUs, used " + gpusUsed + " (" + detail + ")"));
      }
      if (asked.memoryBytes() != null && measured > 0) {
        long want = roundUpMib((long) (peakRss * HEADROOM));
        if (peakRss > asked.memoryBytes() || want * 2 < asked.memoryBytes()) {
          out.add(
              advice(
                  id,
                  "memory",
                  Math.max(1, want >> 20) + "MB",
                  "asked memory " + gib(asked.memoryBytes()) + ", peak " + gib(peakRss)));
        }
      }
      if (asked.cpus() > 1 && measured > 0) {
        int want = Math.max(1, (int) Math.ceil(cpusUsed * HEADROOM));
        if (want * 2 <= asked.cpus()) {
          out.add(
              advice(
                  id,
                  "cpus",
                  Integer.toString(want),
                  String.format(
                      Locale.ROOT, "asked %d CPUs, used %.1f at most", asked.cpus(), cpusUsed)));
        }
      }
      if (asked.timeoutMillis() != null
          && succeeded > 0
          && longestMillis * 4 < asked.timeoutMillis()) {
        Duration suggest = niceTimeout(Duration.ofMillis((long) (longestMillis * 2.5)));
        if (suggest.toMillis() < asked.timeoutMillis()) {
          out.add(
              advice(
                  id,
                  "timeout",
                  human(suggest),
                  "timeout "
                      + human(Duration.ofMillis(asked.timeoutMillis()))
                      + ", longest "
                      + human(Duration.ofMillis(longestMillis))));
        }
      }
    }
  }

  private static Advice advice(String id, String field, String value, String why) {
    return new Advice(id, field, value, id + ": " + why + " → " + field + ": " + value);
  }

  private static long roundUpMib(long bytes) {
    long mib = 1L << 20;
    return (bytes + mib - 1) / mib * mib;
  }

  static String gib(long bytes) {
    if (bytes < (1L << 30)) {
      return (bytes >> 20) + " MiB";
    }
    return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
  }

  /** Rounded up to a minute, five minutes, a quarter hour or an hour, by size. */
  static Duration niceTimeout(Duration d) {
    long s = Math.max(60, d.toSeconds());
    long step = s <= 600 ? 60 : s <= 3600 ? 300 : s <= 4 * 3600 ? 900 : 3600;
    return Duration.ofSeconds((s + step - 1) / step * step);
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return Math.max(1, s) + "s";
    }
    long h = s / 3600;
    long m = (s % 3600) / 60;
    if (h == 0) {
      return m + "m";
    }
    return m == 0 ? h + "h" : h + "h" + m + "m";
  }
}
