package dev.baton.core.descriptor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a step's {@code agent.memory} and {@code agent.cpus} are enforced ({@code limits:
 * enforce}) or only counted when placing steps ({@code limits: advisory}, the default).
 *
 * @param pipeline the top-level {@code limits:}, which steps without their own take
 * @param steps the steps that set {@code limits:} themselves, by name
 */
public record LimitsPolicy(Mode pipeline, Map<String, Mode> steps) {
  /** Every step advisory. */
  public static final LimitsPolicy ADVISORY = new LimitsPolicy(Mode.ADVISORY, Map.of());

  public LimitsPolicy {
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
  }

  /**
   * Whether this is {@link #ADVISORY}: the pipeline advisory and no step named. The same as {@code
   * equals(ADVISORY)} without a record's generated {@code equals}, which is linked on its first
   * call (milliseconds of a run's start).
   */
  public boolean isAdvisory() {
    return pipeline == Mode.ADVISORY && steps.isEmpty();
  }

  /** Whether the step named {@code step} (in the descriptor) asks that its limits hold. */
  public boolean enforced(String step) {
    return steps.getOrDefault(step, pipeline) == Mode.ENFORCE;
  }

  /** The values of {@code limits:}. */
  public enum Mode {
    ENFORCE,
    ADVISORY
  }
}
