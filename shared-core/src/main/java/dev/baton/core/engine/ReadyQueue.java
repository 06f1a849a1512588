package dev.baton.core.engine;

import dev.baton.core.schedule.ReadyStep;
import dev.baton.core.schedule.Scheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The steps whose needs are met, waiting to start, kept in the {@link Scheduler}'s order: the
 * scheduler walks it from the front and stops when every agent is busy, so starting a step costs
 * the steps placed, not the whole queue (100,000 ready matrix cells were sorted on every start).
 */
final class ReadyQueue {
  private static final Comparator<ReadyStep> BY_AGE =
      Comparator.comparingLong(ReadyStep::readySeq).thenComparing(ReadyStep::id);

  private final TreeSet<ReadyStep> inOrder = new TreeSet<>(Scheduler.ORDER);
  // Steps that later ones can still pass over to any effect, oldest first: one passed over
  // STARVATION_LIMIT times goes first whatever happens after (Scheduler.ORDER), so it is left out.
  private final TreeSet<ReadyStep> passable = new TreeSet<>(BY_AGE);

  void add(ReadyStep r) {
    inOrder.add(r);
    if (r.passedOver() < Scheduler.STARVATION_LIMIT) {
      passable.add(r);
    }
  }

  void remove(ReadyStep r) {
    inOrder.remove(r);
    passable.remove(r);
  }

  boolean isEmpty() {
    return inOrder.isEmpty();
  }

  int size() {
    return inOrder.size();
  }

  /** The queue in the scheduler's order, read-only. */
  SortedSet<ReadyStep> inOrder() {
    return Collections.unmodifiableSortedSet(inOrder);
  }

  /** A copy of the queue in the scheduler's order, to change the queue while walking it. */
  List<ReadyStep> snapshot() {
    return List.copyOf(inOrder);
  }

  /** Counts one more pass-over for each step that became ready before {@code newestPlaced}. */
  void passedOver(long newestPlaced) {
    List<ReadyStep> older = new ArrayList<>();
    for (Iterator<ReadyStep> it = passable.iterator(); it.hasNext(); ) {
      ReadyStep r = it.next();
      if (r.readySeq() >= newestPlaced) {
        break;
      }
      older.add(r);
    }
    for (ReadyStep r : older) {
      remove(r);
      add(r.passedOverOnceMore());
    }
  }
}
