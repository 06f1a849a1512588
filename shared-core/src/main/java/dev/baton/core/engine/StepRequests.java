package dev.baton.core.engine;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.StepRequest;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** What a planned step asked for, as its run-record entry carries it for right-sizing advice. */
final class StepRequests {
  private static final long MIB = 1024L * 1024L;

  private StepRequests() {}

  static @Nullable StepRequest of(PlannedStep step) {
    AgentRequest a = step.agent();
    StepRequest r =
        new StepRequest(
            a.gpus(),
            bytes(a.gpuMemoryMiB()),
            a.cpus(),
            bytes(a.memoryMiB()),
            step.timeout().map(t -> t.toMillis()).orElse(null));
    return r.isEmpty() ? null : r;
  }

  private static @Nullable Long bytes(OptionalLong mib) {
    return mib.isPresent() ? mib.getAsLong() * MIB : null;
  }
}
