package dev.baton.core.exec.slurm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The GPUs of one allocation as Baton hands them out: the pilot starts an attempt with the indices
 * it got ({@code CUDA_VISIBLE_DEVICES}), so two attempts never share a GPU, and the run record says
 * which it held. Waiting attempts start in order, and a later one that fits starts before an
 * earlier one that does not (backfill), as the local scheduler does.
 */
final class NodeGpus {
  private final int total;
  private final BitSet held = new BitSet();
  private final Deque<Waiting> waiting = new ArrayDeque<>();

  private record Waiting(int gpus, CompletableFuture<List<Integer>> granted) {}

  private record Grant(CompletableFuture<List<Integer>> to, List<Integer> gpus) {}

  NodeGpus(int total) {
    this.total = total;
  }

  /** Completes with the indices of {@code gpus} of the allocation's GPUs, once they are free. */
  CompletableFuture<List<Integer>> acquire(int gpus) {
    int asked = Math.min(gpus, total);
    List<Grant> ready = new ArrayList<>();
    CompletableFuture<List<Integer>> granted = new CompletableFuture<>();
    synchronized (this) {
      waiting.addLast(new Waiting(asked, granted));
      grant(ready);
    }
    ready.forEach(g -> g.to().complete(g.gpus()));
    return granted;
  }

  /** Gives {@code gpus} back, starting the waiting attempts that now fit. */
  void release(List<Integer> gpus) {
    List<Grant> ready = new ArrayList<>();
    synchronized (this) {
      gpus.forEach(held::clear);
      grant(ready);
    }
    ready.forEach(g -> g.to().complete(g.gpus()));
  }

  private void grant(List<Grant> ready) {
    var it = waiting.iterator();
    while (it.hasNext()) {
      Waiting w = it.next();
      if (w.gpus() <= total - held.cardinality()) {
        List<Integer> mine = new ArrayList<>();
        for (int i = held.nextClearBit(0); mine.size() < w.gpus(); i = held.nextClearBit(i + 1)) {
          mine.add(i);
        }
        mine.forEach(held::set);
        it.remove();
        ready.add(new Grant(w.granted(), List.copyOf(mine)));
      }
    }
  }
}
