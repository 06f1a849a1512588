package dev.baton.core.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One metric gate as a stage step records it under {@code results.gates} in the run record.
 *
 * @param passed true or false once evaluated; null when the gate was never evaluated
 * @param value the measured value (a number, or null when the metric was missing)
 * @param threshold the limit the value was compared with
 * @param baseline the baseline value the gate compared against, or null
 * @param message why the gate passed or failed, for people
 */
public record GateResult(
    String name,
    @Nullable Boolean passed,
    @Nullable Object value,
    @Nullable Object threshold,
    @Nullable Object baseline,
    String message) {

  /** The key under which stage steps store their gates in {@link StepRecord#results()}. */
  public static final String RESULTS_KEY = "gates";

  public GateResult {
    name = name == null ? "" : name;
    message = message == null ? "" : message;
  }

  /** The gates a step recorded, in order; entries that are not objects are ignored. */
  public static List<GateResult> of(StepRecord step) {
    Object gates = step.results().get(RESULTS_KEY);
    List<GateResult> out = new ArrayList<>();
    if (!(gates instanceof List)) {
      return out;
    }
    for (Object entry : (List<?>) gates) {
      if (entry instanceof Map) {
        Map<?, ?> map = (Map<?, ?>) entry;
        Object passed = map.get("passed");
        out.add(
            new GateResult(
                text(map.get("name")),
                passed instanceof Boolean b ? b : null,
                map.get("value"),
                map.get("threshold"),
                map.get("baseline"),
                text(map.get("message"))));
      }
    }
    return out;
  }

  /** The map form stored in {@link StepRecord#results()}; null values are left out. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    putIfPresent(map, "passed", passed);
    putIfPresent(map, "value", value);
    putIfPresent(map, "threshold", threshold);
    putIfPresent(map, "baseline", baseline);
    map.put("message", message);
    return map;
  }

  /** {@code passed}, {@code FAILED} or {@code not evaluated}. */
  public String verdict() {
    if (passed == null) {
      return "not evaluated";
    }
    return passed ? "passed" : "FAILED";
  }

  private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String text(@Nullable Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
