package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What an attempt did with one of its GPUs, sampled from {@code nvidia-smi}.
 *
 * @param index the GPU's index on its machine
 * @param peakMemoryBytes the most GPU memory in use at a sample
 * @param totalMemoryBytes the GPU's memory, where known
 * @param meanUtilization mean utilisation over the samples, in percent (0 to 100)
 * @param peakUtilization highest utilisation at a sample, in percent
 * @param samples how many samples the figures rest on
 */
public record GpuUsage(
    int index,
    long peakMemoryBytes,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long totalMemoryBytes,
    double meanUtilization,
    double peakUtilization,
    int samples) {}
