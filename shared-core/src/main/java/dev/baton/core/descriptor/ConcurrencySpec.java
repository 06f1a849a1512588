package dev.baton.core.descriptor;

/**
 * A counted semaphore shared by every step naming the same group.
 *
 * @param machineWide counted across every Baton run on this machine ({@code scope: machine}, the
 *     default), or within one run only ({@code scope: run})
 */
public record ConcurrencySpec(String group, int limit, boolean machineWide) {

  /** A group counted across every run on the machine. */
  public ConcurrencySpec(String group, int limit) {
    this(group, limit, true);
  }
}
