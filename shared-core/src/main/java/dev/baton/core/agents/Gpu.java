package dev.baton.core.agents;

/**
 * One GPU of an agent.
 *
 * @param index the device index steps see in {@code CUDA_VISIBLE_DEVICES}
 * @param model the model as reported, such as {@code NVIDIA A100-SXM4-80GB}
 * @param memoryMiB total memory
 * @param uuid the GPU's UUID, or empty for declared GPUs
 * @param simulated declared with {@code simulated: true}, not present on this machine
 */
public record Gpu(int index, String model, long memoryMiB, String uuid, boolean simulated) {

  /** The normalised model label, such as {@code a100} or {@code h100}; empty when unknown. */
  public String modelLabel() {
    return GpuModels.label(model);
  }
}
