package dev.baton.core.usage;

import dev.baton.core.exec.ReapedUsage;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.GpuUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one running attempt has used so far: fed by the samplers' threads, read once at its end.
 * Synchronized: samples and the end arrive on different threads.
 */
final class AttemptMeter {
  private final long group;
  private final Map<Integer, GpuMeter> gpus = new LinkedHashMap<>();
  private long peakCpuTicks;
  private long peakRss;
  private long rssSum;
  private int samples;
  private long peakRead;
  private long peakWrite;

  AttemptMeter(long group, List<Integer> gpuIndices) {
    this.group = group;
    for (int index : gpuIndices) {
      gpus.put(index, new GpuMeter(index));
    }
  }

  long group() {
    return group;
  }

  boolean usesGpus() {
    return !gpus.isEmpty();
  }

  synchronized void add(GroupSample s) {
    samples++;
    peakCpuTicks = Math.max(peakCpuTicks, s.cpuTicks());
    peakRss = Math.max(peakRss, s.rssBytes());
    rssSum += s.rssBytes();
    peakRead = Math.max(peakRead, s.readBytes());
    peakWrite = Math.max(peakWrite, s.writeBytes());
  }

  /** One {@code nvidia-smi} line for GPU {@code index}; ignored for GPUs the attempt lacks. */
  synchronized void addGpu(int index, long memoryBytes, @Nullable Long totalBytes, double util) {
    GpuMeter m = gpus.get(index);
    if (m != null) {
      m.add(memoryBytes, totalBytes, util);
    }
  }

  /**
   * The attempt's usage: the samples, raised to the kernel's exact figures at the reaping where
   * there are some (CPU time of processes that ended between samples is only counted there). Not
   * the reaped peak RSS: a process spawned from the JVM (vfork, then exec) keeps the JVM's
   * high-water mark as its own, so the kernel's figure for a {@code true} step is the JVM's size;
   * peak RSS comes from the samples only, and is 0 for a step that ended before the first sample.
   */
  synchronized AttemptUsage finish(Optional<ReapedUsage> reaped) {
    double cpu = peakCpuTicks / (double) ProcTable.TICKS_PER_SECOND;
    long peak = peakRss;
    long read = peakRead;
    long write = peakWrite;
    if (reaped.isPresent()) {
      ReapedUsage r = reaped.get();
      cpu = Math.max(cpu, r.cpuNanos() / 1e9);
      read = Math.max(read, r.readBytes());
      write = Math.max(write, r.writeBytes());
    }
    List<GpuUsage> gpuUsage = new ArrayList<>();
    for (GpuMeter m : gpus.values()) {
      if (m.samples > 0) {
        gpuUsage.add(m.usage());
      }
    }
    return new AttemptUsage(
        Math.round(cpu * 1000) / 1000.0,
        peak,
        samples == 0 ? null : rssSum / samples,
        read,
        write,
        samples,
        "proc",
        gpuUsage);
  }

  private static final class GpuMeter {
    private final int index;
    private long peakMemory;
    private @Nullable Long total;
    private double utilSum;
    private double peakUtil;
    private int samples;

    GpuMeter(int index) {
      this.index = index;
    }

    void add(long memoryBytes, @Nullable Long totalBytes, double util) {
      samples++;
      peakMemory = Math.max(peakMemory, memoryBytes);
      if (totalBytes != null) {
        total = totalBytes;
      }
      utilSum += util;
      peakUtil = Math.max(peakUtil, util);
    }

    GpuUsage usage() {
      return new GpuUsage(
          index, peakMemory, total, Math.round(utilSum / samples * 10) / 10.0, peakUtil, samples);
    }
  }
}
