package dev.baton.core.descriptor;

import java.util.OptionalLong;

/** A GPU an agent declares: its model (may be empty) and memory. */
public record GpuSpec(String model, OptionalLong memoryMiB) {}
