package dev.baton.core.plan;

import dev.baton.core.descriptor.PipelineDescriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The steps to run, in a topological order that is stable for a given descriptor and parameters.
 *
 * @param params the effective parameters (descriptor defaults overridden by the caller)
 */
public record Plan(
    PipelineDescriptor descriptor, Map<String, String> params, List<PlannedStep> steps) {

  public Plan {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    steps = List.copyOf(steps);
  }

  public String pipeline() {
    return descriptor.name();
  }

  /** The planned step with this id, or null. */
  public @Nullable PlannedStep step(String id) {
    for (PlannedStep s : steps) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }
}
