package dev.baton.core.record;

import java.util.List;

/** An agent as the run saw it: its labels, executors and GPUs. */
public record AgentRecord(String name, List<String> labels, int executors, List<GpuRecord> gpus) {
  public AgentRecord {
    labels = labels == null ? List.of() : List.copyOf(labels);
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
  }
}
