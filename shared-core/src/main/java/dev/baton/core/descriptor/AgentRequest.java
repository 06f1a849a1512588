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
 */
public record AgentRequest(
    String label,
    int gpus,
    OptionalLong gpuMemoryMiB,
    String gpuModel,
    int cpus,
    OptionalLong memoryMiB) {

  public static final AgentRequest ANY =
      new AgentRequest("", 0, OptionalLong.empty(), "", 0, OptionalLong.empty());

  public AgentRequest {
    label = label == null ? "" : label.strip();
    gpuModel = gpuModel == null ? "" : gpuModel;
  }
}
