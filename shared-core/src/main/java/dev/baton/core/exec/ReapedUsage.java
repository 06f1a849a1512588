package dev.baton.core.exec;

/**
 * What the kernel accounted to an attempt's main process and every descendant it waited for, as
 * {@code wait4(2)} reports it when the process is reaped: exact CPU time, however short the step.
 *
 * @param cpuNanos user plus system CPU time
 * @param maxRssBytes the largest resident memory of any one of those processes
 * @param readBytes bytes read from storage (block input, in 512-byte units)
 * @param writeBytes bytes written to storage (block output)
 */
public record ReapedUsage(long cpuNanos, long maxRssBytes, long readBytes, long writeBytes) {
  /** Slots of Linux's {@code struct rusage} read as longs (x86-64 and aarch64). */
  public static final int RUSAGE_LONGS = 18;

  /**
   * The usage of two processes reaped one after the other: CPU time and storage I/O add up, the
   * peak is the larger.
   */
  public ReapedUsage plus(ReapedUsage other) {
    return new ReapedUsage(
        cpuNanos + other.cpuNanos,
        Math.max(maxRssBytes, other.maxRssBytes),
        readBytes + other.readBytes,
        writeBytes + other.writeBytes);
  }

  /** Reads a {@code struct rusage} filled in by {@code wait4}. */
  public static ReapedUsage fromRusage(long[] ru) {
    long cpuMicros = ru[0] * 1_000_000L + ru[1] + ru[2] * 1_000_000L + ru[3];
    return new ReapedUsage(cpuMicros * 1000L, ru[4] * 1024L, ru[11] * 512L, ru[12] * 512L);
  }
}
