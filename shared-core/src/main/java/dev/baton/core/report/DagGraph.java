package dev.baton.core.report;

import dev.baton.core.plan.Expansions;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The graph the DAG picture draws: one node per step name (every cell of a matrix step is one node,
 * with its counts per status), one edge per distinct need between two nodes, and the critical path:
 * the longest chain by wall time after a run, by number of steps in a plan.
 */
final class DagGraph {
  /** The order in which a group's colour is chosen: the first state any of its cells has. */
  private static final List<StepState> WORST_FIRST =
      List.of(
          StepState.FAILED,
          StepState.TIMED_OUT,
          StepState.LOST,
          StepState.CANCELLED,
          StepState.RUNNING,
          StepState.QUEUED,
          StepState.PENDING,
          StepState.SUCCEEDED,
          StepState.CACHED,
          StepState.SKIPPED);

  static final class Node {
    final String name;
    final List<String> ids = new ArrayList<>();
    final Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
    boolean matrix;
    String kind = "run";
    boolean skipped;
    @Nullable String href;
    @Nullable Instant start;
    @Nullable Instant end;
    boolean critical;

    Node(String name) {
      this.name = name;
    }

    /** The colour of the node: its worst state after a run; null in a plan. */
    @Nullable StepState status() {
      return WORST_FIRST.stream().filter(counts::containsKey).findFirst().orElse(null);
    }

    long durationMillis() {
      return start == null || end == null
          ? 0
          : Math.max(0, end.toEpochMilli() - start.toEpochMilli());
    }
  }

  final List<Node> nodes = new ArrayList<>();
  final List<int[]> edges = new ArrayList<>();
  final Set<Long> criticalEdges = new HashSet<>();

  /** Whether the nodes carry the outcome of a run (else this is a plan). */
  final boolean ran;

  private final Map<String, Integer> byName = new LinkedHashMap<>();
  private final Map<String, Integer> byId = new HashMap<>();
  private final Set<Long> edgeKeys = new HashSet<>();

  private DagGraph(boolean ran) {
    this.ran = ran;
  }

  static DagGraph of(RunRecord record, HtmlCellGroups groups) {
    DagGraph g = new DagGraph(true);
    Map<String, String> pages = groups.pages();
    for (StepRecord s : record.steps()) {
      Node n = g.node(s.step(), s.id(), !s.matrix().isEmpty());
      n.kind = s.kind();
      n.counts.merge(s.status(), 1, Integer::sum);
      if (s.startedAt() != null && (n.start == null || s.startedAt().isBefore(n.start))) {
        n.start = s.startedAt();
      }
      if (s.endedAt() != null && (n.end == null || s.endedAt().isAfter(n.end))) {
        n.end = s.endedAt();
      }
      if (n.href == null) {
        String page = pages.get(s.step());
        n.href = page != null && groups.grouped(s) ? page : "#" + groups.anchor(s);
      }
    }
    for (StepRecord s : record.steps()) {
      g.link(s.needs(), s.id());
    }
    boolean timed = g.nodes.stream().anyMatch(n -> n.durationMillis() > 0);
    g.markCriticalPath(n -> timed ? n.durationMillis() : 1);
    return g;
  }

  static DagGraph of(Plan plan) {
    DagGraph g = new DagGraph(false);
    for (PlannedStep s : plan.steps()) {
      Node n = g.node(s.stepName(), s.id(), !s.matrix().isEmpty() || Expansions.isPending(s));
      n.kind = s.kind().id();
      n.skipped = n.ids.size() == 1 ? s.skipped() : n.skipped && s.skipped();
    }
    for (PlannedStep s : plan.steps()) {
      g.link(s.needs(), s.id());
    }
    g.markCriticalPath(n -> 1);
    return g;
  }

  private Node node(String name, String id, boolean matrix) {
    int index = byName.computeIfAbsent(name, k -> nodes.size());
    if (index == nodes.size()) {
      nodes.add(new Node(name));
    }
    Node n = nodes.get(index);
    n.ids.add(id);
    n.matrix |= matrix;
    byId.put(id, index);
    return n;
  }

  private void link(List<String> needs, String id) {
    int to = Objects.requireNonNull(byId.get(id), id);
    Set<Integer> from = new HashSet<>();
    for (String need : needs) {
      Integer f = byId.get(need); // a need outside the record (a step left out) draws no edge
      if (f != null && f != to && from.add(f) && !hasEdge(f, to)) {
        edges.add(new int[] {f, to});
      }
    }
  }

  private boolean hasEdge(int from, int to) {
    return !edgeKeys.add(key(from, to));
  }

  static long key(int from, int to) {
    return ((long) from << 32) | to;
  }

  interface Weight {
    long of(Node n);
  }

  /** The heaviest chain of needs; ties go to the chain whose steps come first. */
  private void markCriticalPath(Weight weight) {
    if (nodes.isEmpty()) {
      return;
    }
    List<List<Integer>> preds = new ArrayList<>();
    for (int v = 0; v < nodes.size(); v++) {
      preds.add(new ArrayList<>());
    }
    edges.forEach(e -> preds.get(e[1]).add(e[0]));
    int[] layer = DagLayout.longestPathLayers(nodes.size(), edges);
    Integer[] topo = new Integer[nodes.size()];
    for (int v = 0; v < topo.length; v++) {
      topo[v] = v;
    }
    Arrays.sort(topo, Comparator.comparingInt(v -> layer[v]));
    long[] total = new long[nodes.size()];
    int[] via = new int[nodes.size()];
    for (int v : topo) {
      via[v] = -1;
      long best = 0;
      for (int u : preds.get(v)) {
        if (total[u] > best || (via[v] < 0 && total[u] >= best)) {
          best = total[u];
          via[v] = u;
        }
      }
      total[v] = best + weight.of(nodes.get(v));
    }
    int end = 0;
    for (int v = 1; v < total.length; v++) {
      if (total[v] > total[end]) {
        end = v;
      }
    }
    for (int v = end; v >= 0; v = via[v]) {
      nodes.get(v).critical = true;
      if (via[v] >= 0) {
        criticalEdges.add(key(via[v], v));
      }
    }
  }
}
