package dev.baton.core.lease;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A step of some run waiting for GPUs on this machine, as filed in the lease directory so that
 * every run serves waiting steps in one order: higher {@code priority} first, then the earlier
 * request, then run and step id.
 *
 * @param agents the agents it could run on, by name
 */
public record WaitTicket(
    String runId, String stepId, int priority, Instant requestedAt, int gpus, List<String> agents) {

  public WaitTicket {
    agents = List.copyOf(agents);
  }

  /** Whether this ticket is served before {@code other}. */
  public boolean before(WaitTicket other) {
    if (priority != other.priority) {
      return priority > other.priority;
    }
    int t = requestedAt.compareTo(other.requestedAt);
    if (t != 0) {
      return t < 0;
    }
    int r = runId.compareTo(other.runId);
    return r != 0 ? r < 0 : stepId.compareTo(other.stepId) < 0;
  }

  String line() {
    return String.join(
            "\t",
            clean(runId),
            clean(stepId),
            String.valueOf(priority),
            String.valueOf(requestedAt.toEpochMilli()),
            String.valueOf(gpus),
            String.join(",", agents.stream().map(WaitTicket::clean).toList()))
        + "\n";
  }

  static Optional<WaitTicket> parse(String text) {
    if (!text.endsWith("\n")) {
      return Optional.empty();
    }
    String[] f = text.substring(0, text.length() - 1).split("\t", -1);
    if (f.length != 6) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new WaitTicket(
              f[0],
              f[1],
              Integer.parseInt(f[2]),
              Instant.ofEpochMilli(Long.parseLong(f[3])),
              Integer.parseInt(f[4]),
              f[5].isEmpty() ? List.of() : List.of(f[5].split(","))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String clean(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace(',', ' ');
  }
}
