package dev.baton.core.plan;

import dev.baton.core.descriptor.PipelineDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders planned steps so each comes after what it needs; ties keep declaration order. Linear in
 * steps and needs (plus a heap of the ready ones): the edges are held as arrays of indices, so a
 * fan-in over 100,000 matrix cells costs a few int arrays, not a list per step.
 */
final class TopologicalOrder {
  private TopologicalOrder() {}

  static List<PlannedStep> sort(PipelineDescriptor d, Map<String, List<PlannedStep>> byName) {
    List<PlannedStep> all = new ArrayList<>();
    byName.values().forEach(all::addAll);
    int n = all.size();
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(all.get(i).id(), i);
    }
    // Each need looked up once: step i's needs, as indices, are needAt[needStart[i] ..
    // needStart[i+1]) (-1 for a need outside the plan).
    int[] needStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      needStart[i + 1] = needStart[i] + all.get(i).needs().size();
    }
    int[] needAt = new int[needStart[n]];
    // Dependents of each step, compressed: those of step j are dependents[start[j] .. start[j+1]).
    int[] missing = new int[n];
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      int k = needStart[i];
      for (String need : all.get(i).needs()) {
        missing[i]++;
        Integer j = index.get(need);
        needAt[k++] = j == null ? -1 : j;
        if (j != null) {
          start[j + 1]++;
        }
      }
    }
    for (int j = 0; j < n; j++) {
      start[j + 1] += start[j];
    }
    int[] dependents = new int[start[n]];
    int[] filled = start.clone();
    for (int i = 0; i < n; i++) {
      for (int k = needStart[i]; k < needStart[i + 1]; k++) {
        if (needAt[k] >= 0) {
          dependents[filled[needAt[k]]++] = i;
        }
      }
    }
    // Ready steps, smallest index first: a heap of ints (all cells of a matrix are ready at once).
    IntHeap ready = new IntHeap(n);
    for (int i = 0; i < n; i++) {
      if (missing[i] == 0) {
        ready.add(i);
      }
    }
    List<PlannedStep> out = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      out.add(all.get(i));
      for (int k = start[i]; k < start[i + 1]; k++) {
        if (--missing[dependents[k]] == 0) {
          ready.add(dependents[k]);
        }
      }
    }
    if (out.size() != n) {
      throw new IllegalStateException("cycle survived DagChecker in " + d.file());
    }
    return out;
  }

  /** A binary min-heap of ints; at most {@code capacity} at once. */
  private static final class IntHeap {
    private final int[] heap;
    private int size;

    IntHeap(int capacity) {
      heap = new int[capacity];
    }

    boolean isEmpty() {
      return size == 0;
    }

    void add(int value) {
      int k = size++;
      while (k > 0) {
        int parent = (k - 1) >>> 1;
        if (heap[parent] <= value) {
          break;
        }
        heap[k] = heap[parent];
        k = parent;
      }
      heap[k] = value;
    }

    int poll() {
      int top = heap[0];
      int last = heap[--size];
      int k = 0;
      int half = size >>> 1;
      while (k < half) {
        int child = 2 * k + 1;
        if (child + 1 < size && heap[child + 1] < heap[child]) {
          child++;
        }
        if (last <= heap[child]) {
          break;
        }
        heap[k] = heap[child];
        k = child;
      }
      if (size > 0) {
        heap[k] = last;
      }
      return top;
    }
  }
}
