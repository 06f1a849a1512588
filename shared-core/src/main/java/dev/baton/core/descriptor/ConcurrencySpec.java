package dev.baton.core.descriptor;

/** A counted semaphore shared by every step naming the same group. */
public record ConcurrencySpec(String group, int limit) {}
