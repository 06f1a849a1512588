package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a step asked for in its descriptor, recorded beside what it used so that advice can compare
 * them from run.json alone.
 *
 * @param gpus whole GPUs asked for (0 when none)
 * @param gpuMemoryBytes the least memory each GPU had to have, or null
 * @param cpus CPU cores asked for (0 when not counted)
 * @param memoryBytes memory asked for, or null
 * @param timeoutMillis the step's time limit, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepRequest(
    int gpus,
    @Nullable Long gpuMemoryBytes,
    int cpus,
    @Nullable Long memoryBytes,
    @Nullable Long timeoutMillis) {

  /** True when the step asked for nothing advice could weigh. */
  public boolean isEmpty() {
    return gpus == 0
        && gpuMemoryBytes == null
        && cpus == 0
        && memoryBytes == null
        && timeoutMillis == null;
  }
}
