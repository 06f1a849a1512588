package dev.baton.core.descriptor;

import java.util.OptionalLong;

/**
 * What a step needs from the agent it runs on.
 *
 * @param label a Jenkins-syntax label expression; empty matches every agent
 * @param gpus how many whole GPUs
 * @param gpuMemoryMiB the least memory each GPU must have, or empty
 * @param gpuModel a model label (such as {@code a100}) every GPU must carry, or empty
 * @param cpus CPU cores, 0 when not asked
 * @param memoryMiB memory, or empty
 * @param nodes how many nodes the step spans (1 unless a cluster executor spreads it); {@code
 *     gpus}, {@code cpus} and {@code memory} are then per node
 * @param tasksPerNode processes a cluster executor starts on each node for the step's launcher
 */
public record AgentRequest(
    String label,
    int gpus,
    OptionalLong gpuMemoryMiB,
    String gpuModel,
    int cpus,
    OptionalLong memoryMiB,
    int nodes,
    int tasksPerNode) {

  public static final AgentRequest ANY =
      new AgentRequest("", 0, OptionalLong.empty(), "", 0, OptionalLong.empty());

  public AgentRequest {
    label = label == null ? "" : label.strip();
    gpuModel = gpuModel == null ? "" : gpuModel;
    nodes = Math.max(1, nodes);
    tasksPerNode = Math.max(1, tasksPerNode);
  }

  /** A request for one node and one task. */
  public AgentRequest(
      String label,
      int gpus,
      OptionalLong gpuMemoryMiB,
      String gpuModel,
      int cpus,
      OptionalLong memoryMiB) {
    this(label, gpus, gpuMemoryMiB, gpuModel, cpus, memoryMiB, 1, 1);
  }

  /** Whether the step spans several nodes or tasks: a job for a cluster, never a local process. */
  public boolean distributed() {
    return nodes > 1 || tasksPerNode > 1;
  }
}
