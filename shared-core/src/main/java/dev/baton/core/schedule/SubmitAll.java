package dev.baton.core.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Placement for engines that place steps themselves (Slurm): every ready step is handed over at
 * once, in the scheduler's order, so it waits in the engine's queue where it keeps its age priority
 * and can be backfilled. Only {@code concurrency} groups are still counted here.
 */
public final class SubmitAll implements Placer {
  private final String engine;

  public SubmitAll(String engine) {
    this.engine = engine;
  }

  @Override
  public List<Placement> decide(Collection<ReadyStep> queue, Usage usage) {
    Usage plan = usage.copy();
    List<Placement> out = new ArrayList<>();
    for (ReadyStep r : Scheduler.inOrder(queue)) {
      var group = r.step().concurrency();
      if (group.isPresent() && plan.groupRunning(group.get().group()) >= group.get().limit()) {
        continue;
      }
      Placement p = new Placement(r, engine, List.of());
      plan.take(engine, List.of(), r.step().agent(), group);
      out.add(p);
    }
    return out;
  }
}
