package dev.baton.core.agents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agents as a plain-text table for {@code baton agents}: labels, executors, each GPU's state.
 */
public final class InventoryTable {
  private static final List<String> HEADER =
      List.of("AGENT", "LABELS", "EXECUTORS", "GPU", "MODEL", "MEMORY", "STATE");
  private static final String GAP = "  ";

  private InventoryTable() {}

  /**
   * One row per GPU (one for an agent without GPUs), columns padded to line up.
   *
   * @param busyGpus per agent name, the GPU indices in use now; agents absent here are all free
   */
  public static String render(List<Agent> agents, Map<String, Set<Integer>> busyGpus) {
    Map<String, Map<Integer, String>> states = new HashMap<>();
    busyGpus.forEach(
        (agent, busy) -> {
          Map<Integer, String> s = new HashMap<>();
          busy.forEach(g -> s.put(g, "busy"));
          states.put(agent, s);
        });
    return renderStates(agents, states);
  }

  /**
   * One row per GPU (one for an agent without GPUs), columns padded to line up.
   *
   * @param gpuStates per agent name and GPU index, its state in words ("held by run R ..."); GPUs
   *     absent here are free
   */
  public static String renderStates(
      List<Agent> agents, Map<String, Map<Integer, String>> gpuStates) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Agent agent : agents) {
      List<String> first =
          List.of(
              agent.name(),
              String.join(", ", new TreeSet<>(agent.labels())),
              String.valueOf(agent.executors()));
      List<String> blank = List.of("", "", "");
      if (agent.gpus().isEmpty()) {
        rows.add(concat(first, List.of("-", "", "", "")));
      }
      Map<Integer, String> states = gpuStates.getOrDefault(agent.name(), Map.of());
      for (int i = 0; i < agent.gpus().size(); i++) {
        Gpu gpu = agent.gpus().get(i);
        rows.add(
            concat(
                i == 0 ? first : blank, gpuCells(gpu, states.getOrDefault(gpu.index(), "free"))));
      }
    }
    return layOut(rows);
  }

  private static List<String> gpuCells(Gpu gpu, String state) {
    return List.of(
        String.valueOf(gpu.index()),
        gpu.simulated() ? gpu.model() + " (simulated)" : gpu.model(),
        gpu.memoryMiB() > 0 ? MemoryText.of(gpu.memoryMiB()) : "unknown",
        state);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String layOut(List<List<String>> rows) {
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        line.append(cell).append(" ".repeat(widths[c] - cell.length())).append(GAP);
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
