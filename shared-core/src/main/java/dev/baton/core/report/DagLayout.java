package dev.baton.core.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A layered (Sugiyama-style) drawing of a DAG, flowing left to right: longest-path layering, a
 * dummy node wherever an edge spans more than one layer, barycentre sweeps that reduce edge
 * crossings (the best order seen is kept), and vertical positions that sit each node near its
 * neighbours (an isotonic regression per layer: as close to the barycentre as the order and the
 * spacing allow). Written here rather than taken from the Eclipse Layout Kernel, whose layered
 * algorithm brings EMF, Guava and Xtend's library with it; see docs/reports.md for the figures.
 */
final class DagLayout {
  static final double NODE_WIDTH = 172;
  static final double NODE_HEIGHT = 44;
  static final double LAYER_GAP = 64;
  static final double NODE_GAP = 14;
  static final double MARGIN = 12;
  private static final double DUMMY_HEIGHT = 2;
  private static final double DUMMY_GAP = 6;
  private static final int SWEEPS = 24;
  private static final int STRAIGHTENING_PASSES = 8;

  /** A point of an edge's route. */
  record Point(double x, double y) {}

  final int[] layer;

  /** The top-left corner of each real node. */
  final double[] x;

  final double[] y;

  /** Each input edge's route, from the source's right side to the target's left side. */
  final List<List<Point>> routes;

  final double width;
  final double height;

  /** Edge crossings in the order the sweeps started from, and in the order drawn. */
  final long initialCrossings;

  final long crossings;

  private final int real;
  private final List<List<Integer>> layers = new ArrayList<>();
  private final List<List<Integer>> up = new ArrayList<>();
  private final List<List<Integer>> down = new ArrayList<>();
  private final List<Integer> nodeLayer = new ArrayList<>();
  private final List<List<Integer>> chains = new ArrayList<>();
  private double[] centre = new double[0];

  /**
   * Lays out {@code nodes} nodes; {@code edges} are {@code {from, to}} pairs and must form no cycle
   * (a plan's needs never do).
   */
  DagLayout(int nodes, List<int[]> edges) {
    this.real = nodes;
    this.layer = longestPathLayers(nodes, edges);
    for (int v = 0; v < nodes; v++) {
      addNode(layer[v]);
    }
    for (int[] e : edges) {
      List<Integer> chain = new ArrayList<>();
      chain.add(e[0]);
      for (int l = layer[e[0]] + 1; l < layer[e[1]]; l++) {
        chain.add(addNode(l));
      }
      chain.add(e[1]);
      for (int i = 0; i + 1 < chain.size(); i++) {
        down.get(chain.get(i)).add(chain.get(i + 1));
        up.get(chain.get(i + 1)).add(chain.get(i));
      }
      chains.add(chain);
    }
    for (int v = 0; v < nodeLayer.size(); v++) {
      layers.get(nodeLayer.get(v)).add(v);
    }
    this.initialCrossings = totalCrossings();
    this.crossings = reduceCrossings();
    this.centre = new double[nodeLayer.size()];
    placeVertically();
    this.x = new double[nodes];
    this.y = new double[nodes];
    double top = Double.MAX_VALUE;
    double bottom = 0;
    for (int v = 0; v < centre.length; v++) {
      top = Math.min(top, centre[v] - size(v) / 2);
      bottom = Math.max(bottom, centre[v] + size(v) / 2);
    }
    double shift = nodes == 0 ? 0 : MARGIN - top;
    for (int v = 0; v < centre.length; v++) {
      centre[v] += shift;
    }
    for (int v = 0; v < nodes; v++) {
      x[v] = columnX(layer[v]);
      y[v] = centre[v] - NODE_HEIGHT / 2;
    }
    this.routes = chains.stream().map(this::route).toList();
    this.width = layers.isEmpty() ? 0 : columnX(layers.size() - 1) + NODE_WIDTH + MARGIN;
    this.height = nodes == 0 ? 0 : bottom - top + 2 * MARGIN;
  }

  static double columnX(int layer) {
    return MARGIN + layer * (NODE_WIDTH + LAYER_GAP);
  }

  /** The number of nodes in the widest layer, dummies included: the drawing's height in rows. */
  int widestLayer() {
    return layers.stream().mapToInt(List::size).max().orElse(0);
  }

  private int addNode(int l) {
    while (layers.size() <= l) {
      layers.add(new ArrayList<>());
    }
    up.add(new ArrayList<>());
    down.add(new ArrayList<>());
    nodeLayer.add(l);
    return nodeLayer.size() - 1;
  }

  /** Each node one layer right of its rightmost need; sources in layer 0. */
  static int[] longestPathLayers(int nodes, List<int[]> edges) {
    int[] indegree = new int[nodes];
    List<List<Integer>> out = new ArrayList<>();
    for (int v = 0; v < nodes; v++) {
      out.add(new ArrayList<>());
    }
    for (int[] e : edges) {
      out.get(e[0]).add(e[1]);
      indegree[e[1]]++;
    }
    int[] layer = new int[nodes];
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int v = 0; v < nodes; v++) {
      if (indegree[v] == 0) {
        ready.add(v);
      }
    }
    int seen = 0;
    while (!ready.isEmpty()) {
      int u = ready.poll();
      seen++;
      for (int v : out.get(u)) {
        layer[v] = Math.max(layer[v], layer[u] + 1);
        if (--indegree[v] == 0) {
          ready.add(v);
        }
      }
    }
    if (seen != nodes) {
      throw new IllegalArgumentException("the graph has a cycle; a plan's needs never do");
    }
    return layer;
  }

  /** Alternating downward and upward barycentre sweeps; returns the crossings of the kept order. */
  private long reduceCrossings() {
    long best = totalCrossings();
    List<List<Integer>> bestOrder = copy(layers);
    for (int sweep = 0; sweep < SWEEPS && best > 0; sweep++) {
      boolean downward = sweep % 2 == 0;
      if (downward) {
        for (int l = 1; l < layers.size(); l++) {
          sortByBarycentre(layers.get(l), layers.get(l - 1), up);
        }
      } else {
        for (int l = layers.size() - 2; l >= 0; l--) {
          sortByBarycentre(layers.get(l), layers.get(l + 1), down);
        }
      }
      long now = totalCrossings();
      if (now < best) {
        best = now;
        bestOrder = copy(layers);
      }
    }
    for (int l = 0; l < layers.size(); l++) {
      layers.set(l, bestOrder.get(l));
    }
    return best;
  }

  private static void sortByBarycentre(
      List<Integer> order, List<Integer> fixed, List<List<Integer>> neighbours) {
    int[] position = positions(fixed);
    double[] key = new double[order.size()];
    for (int i = 0; i < order.size(); i++) {
      List<Integer> ns = neighbours.get(order.get(i));
      // A node with no neighbour there keeps its place.
      key[i] = ns.isEmpty() ? i : ns.stream().mapToInt(n -> position[n]).average().orElse(i);
    }
    Integer[] index = new Integer[order.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    Arrays.sort(index, Comparator.comparingDouble(i -> key[i])); // stable: ties keep their order
    List<Integer> sorted = new ArrayList<>(order.size());
    for (int i : index) {
      sorted.add(order.get(i));
    }
    order.clear();
    order.addAll(sorted);
  }

  private long totalCrossings() {
    long total = 0;
    for (int l = 0; l + 1 < layers.size(); l++) {
      total += crossingsBetween(layers.get(l), layers.get(l + 1));
    }
    return total;
  }

  /** Inversions among the edges between two adjacent layers, counted with a Fenwick tree. */
  private long crossingsBetween(List<Integer> left, List<Integer> right) {
    int[] rightPos = positions(right);
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < left.size(); i++) {
      for (int v : down.get(left.get(i))) {
        edges.add(new int[] {i, rightPos[v]});
      }
    }
    edges.sort(Comparator.<int[]>comparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
    long[] tree = new long[right.size() + 1];
    long count = 0;
    for (int k = 0; k < edges.size(); k++) {
      int p = edges.get(k)[1];
      long notAfter = 0;
      for (int i = p + 1; i > 0; i -= i & -i) {
        notAfter += tree[i];
      }
      count += k - notAfter;
      for (int i = p + 1; i < tree.length; i += i & -i) {
        tree[i]++;
      }
    }
    return count;
  }

  /** Positions within the layer, by node id; ids of other layers map to 0 and are never read. */
  private static int[] positions(List<Integer> order) {
    int max = order.stream().mapToInt(Integer::intValue).max().orElse(0);
    int[] position = new int[max + 1];
    for (int i = 0; i < order.size(); i++) {
      position[order.get(i)] = i;
    }
    return position;
  }

  private void placeVertically() {
    for (List<Integer> order : layers) {
      double at = 0;
      for (int i = 0; i < order.size(); i++) {
        int v = order.get(i);
        if (i > 0) {
          at += gap(order.get(i - 1), v);
        }
        centre[v] = at;
      }
    }
    for (int pass = 0; pass < STRAIGHTENING_PASSES; pass++) {
      boolean downward = pass % 2 == 0;
      boolean last = pass == STRAIGHTENING_PASSES - 1;
      if (downward) {
        for (int l = 1; l < layers.size(); l++) {
          straighten(layers.get(l), last);
        }
      } else {
        for (int l = layers.size() - 2; l >= 0; l--) {
          straighten(layers.get(l), last);
        }
      }
    }
  }

  /**
   * Moves a layer's nodes towards the mean centre of their neighbours, keeping their order and
   * spacing: with z = y - (spacing before it), that is the least-squares non-decreasing fit of z to
   * the wished positions, which pool-adjacent-violators finds in one pass.
   */
  private void straighten(List<Integer> order, boolean bothSides) {
    int n = order.size();
    double[] offset = new double[n];
    double[] wish = new double[n];
    for (int i = 0; i < n; i++) {
      int v = order.get(i);
      offset[i] = i == 0 ? 0 : offset[i - 1] + gap(order.get(i - 1), v);
      List<Integer> ns = new ArrayList<>(up.get(v));
      ns.addAll(down.get(v));
      double target =
          ns.isEmpty() ? centre[v] : ns.stream().mapToDouble(k -> centre[k]).average().orElse(0);
      wish[i] = (bothSides ? target : (target + centre[v]) / 2) - offset[i];
    }
    double[] blockValue = new double[n];
    int[] blockSize = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      blockValue[blocks] = wish[i];
      blockSize[blocks] = 1;
      blocks++;
      while (blocks > 1 && blockValue[blocks - 2] > blockValue[blocks - 1]) {
        int merged = blockSize[blocks - 2] + blockSize[blocks - 1];
        blockValue[blocks - 2] =
            (blockValue[blocks - 2] * blockSize[blocks - 2]
                    + blockValue[blocks - 1] * blockSize[blocks - 1])
                / merged;
        blockSize[blocks - 2] = merged;
        blocks--;
      }
    }
    int i = 0;
    for (int b = 0; b < blocks; b++) {
      for (int k = 0; k < blockSize[b]; k++, i++) {
        centre[order.get(i)] = blockValue[b] + offset[i];
      }
    }
  }

  private double gap(int above, int below) {
    boolean dummies = above >= real && below >= real;
    return (size(above) + size(below)) / 2 + (dummies ? DUMMY_GAP : NODE_GAP);
  }

  private double size(int v) {
    return v < real ? NODE_HEIGHT : DUMMY_HEIGHT;
  }

  /** Through each dummy straight across its column, so long edges run as horizontal lanes. */
  private List<Point> route(List<Integer> chain) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      int v = chain.get(i);
      double left = columnX(nodeLayer.get(v));
      if (i > 0) {
        points.add(new Point(left, centre[v]));
      }
      if (i + 1 < chain.size()) {
        points.add(new Point(left + NODE_WIDTH, centre[v]));
      }
    }
    return points;
  }

  private static List<List<Integer>> copy(List<List<Integer>> order) {
    return order.stream().map(l -> (List<Integer>) new ArrayList<>(l)).toList();
  }
}
