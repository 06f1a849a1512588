package dev.baton.core.agents;

import java.util.OptionalLong;

/**
 * One process that {@code nvidia-smi} lists on a GPU of this machine.
 *
 * @param gpuIndex the index of the GPU it uses; -1 when its UUID is not one of the detected GPUs
 * @param gpuUuid the GPU's UUID, as {@code nvidia-smi} prints it
 * @param usedMemoryMiB GPU memory it uses; empty when {@code nvidia-smi} does not say ({@code
 *     [N/A]}, as on Windows WDDM)
 * @param processName its executable, such as {@code /usr/bin/python3}; empty when {@code
 *     nvidia-smi} may not say ({@code [Insufficient Permissions]})
 */
public record GpuProcess(
    int gpuIndex, String gpuUuid, long pid, OptionalLong usedMemoryMiB, String processName) {

  /** The executable's file name, such as {@code python3}; empty when unknown. */
  public String shortName() {
    int slash = Math.max(processName.lastIndexOf('/'), processName.lastIndexOf('\\'));
    return processName.substring(slash + 1);
  }
}
