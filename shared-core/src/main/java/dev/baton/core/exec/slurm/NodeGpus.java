package dev.baton.core.exec.slurm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The GPUs of one allocation as Baton hands them out, so that a job step starts only when its GPUs
 * are free: srun asking for busy GPUs would wait in Slurm's own retry loop, which backs off to
 * seconds. Waiting steps start in order, and a later one that fits starts before an earlier one
 * that does not (backfill), as the local scheduler does.
 */
final class NodeGpus {
  private final int total;
  private int free;
  private final Deque<Waiting> waiting = new ArrayDeque<>();

  private record Waiting(int gpus, CompletableFuture<Void> granted) {}

  NodeGpus(int total) {
    this.total = total;
    this.free = total;
  }

  /** Completes once {@code gpus} of the allocation's GPUs are this step's. */
  CompletableFuture<Void> acquire(int gpus) {
    int asked = Math.min(gpus, total);
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    CompletableFuture<Void> granted = new CompletableFuture<>();
    synchronized (this) {
      waiting.addLast(new Waiting(asked, granted));
      grant(ready);
    }
    ready.forEach(f -> f.complete(null));
    return granted;
  }

  /** Gives {@code gpus} back, starting the waiting steps that now fit. */
  void release(int gpus) {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    synchronized (this) {
      free = Math.min(total, free + Math.min(gpus, total));
      grant(ready);
    }
    ready.forEach(f -> f.complete(null));
  }

  private void grant(List<CompletableFuture<Void>> ready) {
    var it = waiting.iterator();
    while (it.hasNext() && free > 0) {
      Waiting w = it.next();
      if (w.gpus() <= free) {
        free -= w.gpus();
        it.remove();
        ready.add(w.granted());
      }
    }
  }
}
