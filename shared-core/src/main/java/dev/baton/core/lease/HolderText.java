package dev.baton.core.lease;

import java.time.Instant;
import java.util.Optional;

/**
 * A {@link LeaseHolder} as the one line written into a lease file: tab-separated run id, step id,
 * Baton's pid, the step's process group and the time taken in epoch milliseconds.
 */
final class HolderText {
  private HolderText() {}

  static String write(LeaseHolder h) {
    return field(h.runId())
        + '\t'
        + field(h.stepId())
        + '\t'
        + h.pid()
        + '\t'
        + h.stepGroup()
        + '\t'
        + h.since().toEpochMilli()
        + '\n';
  }

  /** The holder named by {@code text}, empty when it is not a whole line of this form. */
  static Optional<LeaseHolder> read(String text) {
    if (!text.endsWith("\n")) {
      return Optional.empty(); // being written, or never written
    }
    String[] f = text.substring(0, text.length() - 1).split("\t", -1);
    if (f.length != 5) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new LeaseHolder(
              f[0],
              f[1],
              Long.parseLong(f[2]),
              Long.parseLong(f[3]),
              Instant.ofEpochMilli(Long.parseLong(f[4]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String field(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
