package dev.baton.core.usage;

import dev.baton.core.exec.ReapedUsage;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.GpuUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The usage of an attempt that ran several commands one after another: CPU time, bytes read and
 * written and samples add up; the peaks are the largest; the means are weighted by each command's
 * samples.
 */
final class UsageSum {
  private UsageSum() {}

  static AttemptUsage of(List<AttemptUsage> parts) {
    double cpu = 0;
    long peak = 0;
    long rssSum = 0;
    long read = 0;
    long write = 0;
    int samples = 0;
    Map<Integer, List<GpuUsage>> gpus = new TreeMap<>();
    for (AttemptUsage u : parts) {
      cpu += u.cpuSeconds();
      peak = Math.max(peak, u.peakRssBytes());
      if (u.meanRssBytes() != null) {
        rssSum += u.meanRssBytes() * u.samples();
      }
      read += u.readBytes();
      write += u.writeBytes();
      samples += u.samples();
      for (GpuUsage g : u.gpus()) {
        gpus.computeIfAbsent(g.index(), i -> new ArrayList<>()).add(g);
      }
    }
    List<GpuUsage> gpuUsage = new ArrayList<>();
    gpus.forEach((index, list) -> gpuUsage.add(gpu(index, list)));
    return new AttemptUsage(
        Math.round(cpu * 1000) / 1000.0,
        peak,
        samples == 0 ? null : rssSum / samples,
        read,
        write,
        samples,
        parts.isEmpty() ? "proc" : parts.get(0).source(),
        gpuUsage);
  }

  /**
   * {@code sum} with CPU time and storage I/O raised to the kernel's figures for the same commands
   * where those are larger, as {@link AttemptMeter#finish} does for one command (peak RSS stays the
   * samples': the kernel's is the JVM's own size for a process spawned from it).
   */
  static AttemptUsage raisedTo(AttemptUsage sum, Optional<ReapedUsage> reaped) {
    if (reaped.isEmpty()) {
      return sum;
    }
    ReapedUsage r = reaped.get();
    return new AttemptUsage(
        Math.round(Math.max(sum.cpuSeconds(), r.cpuNanos() / 1e9) * 1000) / 1000.0,
        sum.peakRssBytes(),
        sum.meanRssBytes(),
        Math.max(sum.readBytes(), r.readBytes()),
        Math.max(sum.writeBytes(), r.writeBytes()),
        sum.samples(),
        sum.source(),
        sum.gpus());
  }

  private static GpuUsage gpu(int index, List<GpuUsage> parts) {
    long peakMemory = 0;
    Long total = null;
    double utilSum = 0;
    double peakUtil = 0;
    int samples = 0;
    for (GpuUsage g : parts) {
      peakMemory = Math.max(peakMemory, g.peakMemoryBytes());
      total = g.totalMemoryBytes() != null ? g.totalMemoryBytes() : total;
      utilSum += g.meanUtilization() * g.samples();
      peakUtil = Math.max(peakUtil, g.peakUtilization());
      samples += g.samples();
    }
    return new GpuUsage(
        index,
        peakMemory,
        total,
        samples == 0 ? 0 : Math.round(utilSum / samples * 10) / 10.0,
        peakUtil,
        samples);
  }
}
