package dev.baton.core.schedule;

import java.util.Collection;
import java.util.List;

/** Decides which ready steps start now and where; never starts anything itself. */
public interface Placer {
  /**
   * The placements to start now, in the order to start them. {@code queue} may come in any order; a
   * sorted set in {@link Scheduler#ORDER} is walked as it is, from the front (see {@link
   * Scheduler#inOrder}).
   */
  List<Placement> decide(Collection<ReadyStep> queue, Usage usage);
}
