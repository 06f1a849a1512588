package dev.baton.core.plan;

import dev.baton.core.record.StepState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code needs} an expression reads: each needed step by name with its {@code result} and
 * {@code outputs}, and for a matrix step the list of its cells' values in cell order and {@code
 * cells}. Built from the engine's bookkeeping or from run records of needs that ran elsewhere.
 */
public final class NeedValues {
  private NeedValues() {}

  /**
   * How one needed step or cell ended.
   *
   * @param step the step's name
   * @param matrix the cell's matrix values; empty for a step without a matrix
   * @param result success, failure, cancelled or skipped
   */
  public record Ended(
      String step, Map<String, String> matrix, String result, Map<String, String> outputs) {}

  /** A step's state as {@code needs.<step>.result}: success, failure, cancelled or skipped. */
  public static String result(StepState state) {
    return switch (state) {
      case SUCCEEDED, CACHED -> "success";
      case CANCELLED -> "cancelled";
      case SKIPPED -> "skipped";
      default -> state.isTerminal() ? "failure" : "skipped";
    };
  }

  /** {@code needs.<step>} for each step of {@code ended}, cells gathered in the order given. */
  public static Map<String, Object> of(List<Ended> ended) {
    Map<String, List<Ended>> byName = new LinkedHashMap<>();
    for (Ended e : ended) {
      byName.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
    }
    Map<String, Object> needs = new LinkedHashMap<>();
    byName.forEach(
        (name, cells) -> {
          Map<String, Object> need = new LinkedHashMap<>();
          if (cells.get(0).matrix().isEmpty()) {
            need.put("result", cells.get(0).result());
            need.put("outputs", cells.get(0).outputs());
          } else {
            Map<String, List<String>> outputs = new LinkedHashMap<>();
            List<Object> each = new ArrayList<>();
            List<String> results = new ArrayList<>();
            for (Ended cell : cells) {
              cell.outputs().forEach((k, v) -> outputs.computeIfAbsent(k, x -> new ArrayList<>()));
            }
            for (Ended cell : cells) {
              outputs.forEach((k, list) -> list.add(cell.outputs().get(k)));
              results.add(cell.result());
              each.add(
                  Map.of(
                      "matrix", cell.matrix(), "result", cell.result(), "outputs", cell.outputs()));
            }
            need.put("result", combined(results));
            need.put("outputs", outputs);
            need.put("cells", each);
          }
          needs.put(name, need);
        });
    return needs;
  }

  /**
   * A matrix step's result: failure if a cell failed, else cancelled, else skipped, else success.
   */
  private static String combined(List<String> results) {
    for (String r : List.of("failure", "cancelled", "skipped")) {
      if (results.contains(r)) {
        return r;
      }
    }
    return "success";
  }
}
