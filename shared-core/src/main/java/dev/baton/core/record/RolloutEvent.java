package dev.baton.core.record;

import dev.baton.core.io.MillisInstantModule;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of a deploy step's rollout, as stored in the list under {@code results.rollout}.
 *
 * @param weight the percentage of traffic on the new version after this event (0 after rollback)
 * @param outcome what was observed: {@code healthy}, {@code unhealthy}, {@code rolled back}...
 */
public record RolloutEvent(Instant time, double weight, String outcome) {

  /** The key under which deploy steps store their rollout in {@link StepRecord#results()}. */
  public static final String RESULTS_KEY = "rollout";

  public RolloutEvent {
    outcome = outcome == null ? "" : outcome;
  }

  /** The rollout a step recorded, in order; entries without a valid time or weight are ignored. */
  public static List<RolloutEvent> of(StepRecord step) {
    Object value = step.results().get(RESULTS_KEY);
    List<RolloutEvent> out = new ArrayList<>();
    if (!(value instanceof List)) {
      return out;
    }
    for (Object entry : (List<?>) value) {
      if (!(entry instanceof Map)) {
        continue;
      }
      Map<?, ?> map = (Map<?, ?>) entry;
      Object time = map.get("time");
      Object weight = map.get("weight");
      if (time == null || !(weight instanceof Number number)) {
        continue;
      }
      try {
        Object outcome = map.get("outcome");
        out.add(
            new RolloutEvent(
                MillisInstantModule.parse(String.valueOf(time)),
                number.doubleValue(),
                outcome == null ? "" : String.valueOf(outcome)));
      } catch (DateTimeException e) {
        // A malformed entry should not cost the whole report; the others still draw.
      }
    }
    return out;
  }

  /** The map form stored in {@link StepRecord#results()}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("time", MillisInstantModule.format(time));
    // Whole weights as integers, which is also how they read back from JSON.
    map.put("weight", weight == Math.rint(weight) ? (Object) (int) weight : (Object) weight);
    map.put("outcome", outcome);
    return map;
  }
}
