package dev.baton.core.schedule;

import java.util.List;

/** Decides which ready steps start now and where; never starts anything itself. */
public interface Placer {
  List<Placement> decide(List<ReadyStep> queue, Usage usage);
}
