package dev.baton.core.agents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the lines of {@code nvidia-smi --query-gpu=index,name,memory.total,uuid
 * --format=csv,noheader,nounits}, such as {@code 0, NVIDIA A100-SXM4-80GB, 81920, GPU-8f3e...}.
 */
final class NvidiaSmiOutput {
  private NvidiaSmiOutput() {}

  static GpuDetection parse(String output) {
    List<Gpu> gpus = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (String line : output.split("\\R", -1)) {
      if (line.isBlank()) {
        continue;
      }
      Gpu gpu = parseLine(line.strip());
      if (gpu == null) {
        unreadable.add(line.strip());
      } else {
        gpus.add(gpu);
      }
    }
    gpus.sort(Comparator.comparingInt(Gpu::index));
    return new GpuDetection(gpus, describe(unreadable));
  }

  /** The GPU on one line, or {@code null} when the line is not one Baton can read. */
  private static @Nullable Gpu parseLine(String line) {
    String[] fields = line.split(",", -1);
    if (fields.length < 4) {
      return null;
    }
    // The name is everything between the first and the last two fields, should it hold a comma.
    String index = fields[0].strip();
    String memory = fields[fields.length - 2].strip();
    String uuid = fields[fields.length - 1].strip();
    StringBuilder name = new StringBuilder(fields[1].strip());
    for (int i = 2; i < fields.length - 2; i++) {
      name.append(',').append(fields[i]);
    }
    try {
      int gpuIndex = Integer.parseInt(index);
      // Some GPUs (unified memory, MIG) report "[N/A]": keep the GPU with unknown memory.
      long memoryMiB = memory.startsWith("[") ? 0 : Long.parseLong(memory);
      if (gpuIndex < 0 || memoryMiB < 0 || name.toString().isBlank()) {
        return null;
      }
      return new Gpu(gpuIndex, name.toString().strip(), memoryMiB, uuid, false);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String describe(List<String> unreadable) {
    if (unreadable.isEmpty()) {
      return "";
    }
    String lines = unreadable.size() == 1 ? "a line" : unreadable.size() + " lines";
    return "nvidia-smi printed "
        + lines
        + " Baton cannot read ('"
        + unreadable.get(0)
        + "'), so those GPUs are not used; run nvidia-smi --query-gpu=index,name,memory.total,uuid"
        + " --format=csv,noheader,nounits to see its output";
  }
}
