package dev.baton.core.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An Aho–Corasick automaton over bytes: fed one byte at a time, it says how long the longest
 * pattern ending at that byte is, in time independent of how many patterns there are. A secret has
 * dozens of encoded forms and a run may have many secrets, so trying each pattern at each position
 * would make masking a large log slow.
 *
 * <p>A state stands for the longest suffix of the bytes seen so far that begins some pattern; its
 * {@link #depth} is that suffix's length, so no match found later can start before it.
 */
final class PatternAutomaton {
  static final int ROOT = 0;

  /** Each state's child bytes, and the states they lead to, in the same order. */
  private final byte[][] labels;

  private final int[][] targets;
  private final int[] fail;
  private final int[] depth;
  private final int[] longestEnding;

  /** Transitions from the root for every byte, so that {@link #next} always ends there. */
  private final int[] fromRoot = new int[256];

  PatternAutomaton(List<byte[]> patterns) {
    List<TreeMap<Integer, Integer>> children = new ArrayList<>();
    List<Integer> depths = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    children.add(new TreeMap<>());
    depths.add(0);
    ends.add(0);
    for (byte[] p : patterns) {
      int s = ROOT;
      for (byte b : p) {
        Integer next = children.get(s).get(b & 0xff);
        if (next == null) {
          next = children.size();
          children.add(new TreeMap<>());
          depths.add(depths.get(s) + 1);
          ends.add(0);
          children.get(s).put(b & 0xff, next);
        }
        s = next;
      }
      ends.set(s, Math.max(ends.get(s), p.length));
    }
    int n = children.size();
    labels = new byte[n][];
    targets = new int[n][];
    depth = new int[n];
    longestEnding = new int[n];
    fail = new int[n];
    for (int s = 0; s < n; s++) {
      TreeMap<Integer, Integer> c = children.get(s);
      labels[s] = new byte[c.size()];
      targets[s] = new int[c.size()];
      int k = 0;
      for (var e : c.entrySet()) {
        labels[s][k] = (byte) (int) e.getKey();
        targets[s][k] = e.getValue();
        k++;
      }
      depth[s] = depths.get(s);
      longestEnding[s] = ends.get(s);
    }
    for (int k = 0; k < labels[ROOT].length; k++) {
      fromRoot[labels[ROOT][k] & 0xff] = targets[ROOT][k];
    }
    // Breadth first, so a state's failure state (shallower) is complete before it is used.
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int child : targets[ROOT]) {
      fail[child] = ROOT;
      queue[tail++] = child;
    }
    while (head < tail) {
      int s = queue[head++];
      for (int k = 0; k < labels[s].length; k++) {
        int child = targets[s][k];
        int f = next(fail[s], labels[s][k]);
        fail[child] = f;
        longestEnding[child] = Math.max(longestEnding[child], longestEnding[f]);
        queue[tail++] = child;
      }
    }
  }

  /** The state after reading {@code b} in state {@code s}. */
  int next(int s, byte b) {
    while (s != ROOT) {
      byte[] l = labels[s];
      for (int k = 0; k < l.length; k++) {
        if (l[k] == b) {
          return targets[s][k];
        }
      }
      s = fail[s];
    }
    return fromRoot[b & 0xff];
  }

  /** Length of the longest pattern that ends with the last byte read into {@code s}; 0 if none. */
  int longestEnding(int s) {
    return longestEnding[s];
  }

  /** How many of the last bytes read may still begin a match. */
  int depth(int s) {
    return depth[s];
  }
}
