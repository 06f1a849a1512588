package dev.baton.core.exec.slurm;

import java.util.Locale;
import java.util.Optional;

/** How steps reach the cluster (docs/slurm.md#choosing-a-mode). */
public enum SlurmMode {
  /** Each attempt is its own batch job: Slurm schedules every step. */
  JOB,
  /**
   * Baton holds one allocation per node it places steps on, and the allocation's pilot starts each
   * attempt in it: tens of milliseconds per step instead of a scheduling cycle.
   */
  ALLOCATION;

  /** {@code job} or {@code allocation}, as written in settings. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SlurmMode> parse(String text) {
    for (SlurmMode m : values()) {
      if (m.word().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
