package dev.baton.jenkins.runtime;

import java.util.Map;

/**
 * One pipeline step as the runtime saw it: its name and named arguments (a lone positional argument
 * is recorded as {@code value}), the parallel branch and agent it ran in, when it started and ended
 * ({@link System#nanoTime()}), and what it returned or threw.
 */
public record RecordedCall(
    String step,
    Map<String, Object> args,
    String branch,
    String agent,
    long startNanos,
    long endNanos,
    Object result,
    String failure) {

  /** The argument {@code name} as text, or null. */
  public String arg(String name) {
    Object value = args.get(name);
    return value == null ? null : String.valueOf(value);
  }

  /** Whether this call overlapped {@code other} in time. */
  public boolean overlaps(RecordedCall other) {
    return startNanos < other.endNanos && other.startNanos < endNanos;
  }
}
