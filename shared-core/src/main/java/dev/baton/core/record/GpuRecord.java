package dev.baton.core.record;

/** One GPU of an agent; {@code simulated} GPUs were declared, not detected. */
public record GpuRecord(int index, String model, long memoryMiB, String uuid, boolean simulated) {}
