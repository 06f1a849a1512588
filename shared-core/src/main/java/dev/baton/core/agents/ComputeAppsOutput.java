package dev.baton.core.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads the lines of {@code nvidia-smi --query-compute-apps=gpu_uuid,pid,used_memory,process_name
 * --format=csv,noheader,nounits}, such as {@code GPU-8f3e..., 4242, 30720, /usr/bin/python3}.
 */
final class ComputeAppsOutput {
  private ComputeAppsOutput() {}

  /**
   * The processes; unknown when any line cannot be read, since a GPU whose process Baton cannot
   * read may be busy.
   */
  static GpuProcesses parse(String output, List<Gpu> gpus) {
    Map<String, Integer> indexByUuid =
        gpus.stream()
            .filter(g -> !g.uuid().isEmpty())
            .collect(Collectors.toMap(Gpu::uuid, Gpu::index, (a, b) -> a));
    List<GpuProcess> processes = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (String raw : output.split("\\R", -1)) {
      String line = raw.strip();
      // Some drivers say so in words instead of printing nothing.
      if (line.isEmpty() || line.equalsIgnoreCase("No running processes found")) {
        continue;
      }
      GpuProcess process = parseLine(line, uuid -> indexByUuid.getOrDefault(uuid, -1));
      if (process == null) {
        unreadable.add(line);
      } else {
        processes.add(process);
      }
    }
    if (!unreadable.isEmpty()) {
      return GpuProcesses.unknown(describe(unreadable));
    }
    return GpuProcesses.of(processes);
  }

  /** The process on one line, or {@code null} when the line is not one Baton can read. */
  private static @Nullable GpuProcess parseLine(String line, Function<String, Integer> indexOf) {
    String[] fields = line.split(",", -1);
    if (fields.length < 4) {
      return null;
    }
    String uuid = fields[0].strip();
    String pid = fields[1].strip();
    String memory = fields[2].strip();
    // The name is last so that a comma in it stays part of it.
    StringBuilder name = new StringBuilder(fields[3].strip());
    for (int i = 4; i < fields.length; i++) {
      name.append(',').append(fields[i]);
    }
    if (uuid.isEmpty() || uuid.startsWith("[")) {
      return null;
    }
    try {
      long processId = Long.parseLong(pid);
      OptionalLong memoryMiB =
          notAvailable(memory) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(memory));
      if (processId <= 0 || memoryMiB.orElse(0) < 0) {
        return null;
      }
      String processName = notAvailable(name.toString()) ? "" : name.toString().strip();
      return new GpuProcess(indexOf.apply(uuid), uuid, processId, memoryMiB, processName);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code [N/A]}, {@code [Not Supported]}, {@code [Insufficient Permissions]}. */
  private static boolean notAvailable(String field) {
    String f = field.strip();
    return f.isEmpty() || (f.startsWith("[") && f.endsWith("]"));
  }

  private static String describe(List<String> unreadable) {
    String lines = unreadable.size() == 1 ? "a line" : unreadable.size() + " lines";
    return "nvidia-smi printed "
        + lines
        + " Baton cannot read ('"
        + unreadable.get(0)
        + "') when asked which processes use the GPUs, so no GPU is handed out; run nvidia-smi"
        + " "
        + String.join(" ", GpuProcessQuery.QUERY)
        + " to see its output, or set gpuBusy: {ignoreForeign: true} to hand GPUs out anyway";
  }
}
