package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt used, measured while it ran (see docs/observability.md).
 *
 * @param cpuSeconds user plus system CPU time of the attempt's whole process group
 * @param peakRssBytes the largest resident memory seen: the group's sum at a sample, or the largest
 *     single process the kernel reported at its end, whichever is larger
 * @param meanRssBytes the group's resident memory averaged over the samples; null when the attempt
 *     ended before the first sample
 * @param readBytes bytes the group read from storage
 * @param writeBytes bytes the group wrote to storage
 * @param samples how many times the group was sampled while it ran
 * @param source where the figures come from: {@code proc} (this machine's process table and the
 *     kernel's accounting at exit) or {@code sacct} (Slurm's accounting)
 * @param gpus one entry per GPU the attempt was given, where GPU use could be sampled
 */
public record AttemptUsage(
    double cpuSeconds,
    long peakRssBytes,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long meanRssBytes,
    long readBytes,
    long writeBytes,
    int samples,
    String source,
    List<GpuUsage> gpus) {
  public AttemptUsage {
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
    source = source == null ? "" : source;
  }
}
