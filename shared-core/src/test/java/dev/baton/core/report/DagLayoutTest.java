package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The layered layout: layers, long edges through lanes, crossings reduced, no overlaps. */
class DagLayoutTest {
  @Test
  void aDiamondHasThreeLayersAndNoCrossing() {
    DagLayout layout =
        new DagLayout(
            4, List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {2, 3}));

    assertThat(layout.layer).containsExactly(0, 1, 1, 2);
    assertThat(layout.crossings).isZero();
    assertNoOverlap(layout, 4);
  }

  @Test
  void anEdgeOverSeveralLayersRunsThroughALanePerLayer() {
    // 0 -> 1 -> 2 -> 3, and 0 -> 3 skips two layers.
    DagLayout layout =
        new DagLayout(
            4, List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {0, 3}));

    List<DagLayout.Point> longEdge = layout.routes.get(3);
    // Out of 0, in and out of the two lanes, into 3.
    assertThat(longEdge).hasSize(6);
    assertThat(longEdge.get(0).x()).isEqualTo(DagLayout.columnX(0) + DagLayout.NODE_WIDTH);
    assertThat(longEdge.get(5).x()).isEqualTo(DagLayout.columnX(3));
    assertThat(longEdge.get(1).y()).isEqualTo(longEdge.get(2).y()); // straight across the lane
  }

  @Test
  void fiveHundredStepsLayOutWithFarFewerCrossingsAndNoOverlap() {
    int n = 500;
    List<int[]> edges = randomPipeline(n, new Random(24));

    DagLayout layout = new DagLayout(n, edges);

    System.out.printf(
        "500 steps, %d needs: %d layers, widest layer %d (with lanes), crossings %d -> %d,"
            + " %.0f x %.0f px%n",
        edges.size(),
        layout.layer.length == 0 ? 0 : Arrays.stream(layout.layer).max().getAsInt() + 1,
        layout.widestLayer(),
        layout.initialCrossings,
        layout.crossings,
        layout.width,
        layout.height);
    assertThat(layout.crossings).isLessThan(layout.initialCrossings / 2);
    assertNoOverlap(layout, n);
    for (int[] e : edges) {
      assertThat(layout.layer[e[1]]).isGreaterThan(layout.layer[e[0]]);
    }
  }

  /** Steps needing one to three of the forty steps before them, as a large pipeline does. */
  static List<int[]> randomPipeline(int n, Random random) {
    List<int[]> edges = new ArrayList<>();
    for (int v = 1; v < n; v++) {
      int needs = 1 + random.nextInt(3);
      List<Integer> seen = new ArrayList<>();
      for (int k = 0; k < needs; k++) {
        int u = Math.max(0, v - 1 - random.nextInt(Math.min(v, 40)));
        if (!seen.contains(u)) {
          seen.add(u);
          edges.add(new int[] {u, v});
        }
      }
    }
    return edges;
  }

  private static void assertNoOverlap(DagLayout layout, int n) {
    List<Integer> nodes = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      nodes.add(v);
    }
    nodes.sort(
        Comparator.<Integer>comparingInt(v -> layout.layer[v])
            .thenComparingDouble(v -> layout.y[v]));
    for (int i = 1; i < nodes.size(); i++) {
      int a = nodes.get(i - 1);
      int b = nodes.get(i);
      if (layout.layer[a] == layout.layer[b]) {
        assertThat(layout.y[b]).isGreaterThanOrEqualTo(layout.y[a] + DagLayout.NODE_HEIGHT);
      }
    }
    for (int v = 0; v < n; v++) {
      assertThat(layout.y[v]).isGreaterThanOrEqualTo(0);
      assertThat(layout.y[v] + DagLayout.NODE_HEIGHT).isLessThanOrEqualTo(layout.height);
    }
  }
}
