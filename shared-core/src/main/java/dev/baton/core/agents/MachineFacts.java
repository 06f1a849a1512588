package dev.baton.core.agents;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import java.util.Map;

/**
 * What this machine offers to steps: operating system, architecture, cores, memory and GPUs.
 *
 * @param os the normalised operating system label: {@code linux}, {@code macos}, {@code windows}
 * @param arch the architecture as Java reports it, such as {@code amd64} or {@code aarch64}
 * @param memoryMiB physical memory (the container's limit inside one); 0 when unknown
 */
public record MachineFacts(String os, String arch, int cores, long memoryMiB, GpuDetection gpus) {

  /**
   * Looks at this machine; GPUs come from {@code nvidia-smi} on the {@code PATH} of {@code env}.
   */
  public static MachineFacts detect(Map<String, String> env) {
    return new MachineFacts(
        normaliseOs(System.getProperty("os.name", "")),
        System.getProperty("os.arch", "").toLowerCase(Locale.ROOT),
        Runtime.getRuntime().availableProcessors(),
        physicalMemoryMiB(),
        new GpuDetector(env).detect());
  }

  /** The architecture under the name most tools use: {@code x86_64} or {@code arm64}. */
  public String normalisedArch() {
    return switch (arch) {
      case "amd64", "x86_64", "x86-64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  static String normaliseOs(String osName) {
    String lower = osName.toLowerCase(Locale.ROOT);
    if (lower.contains("linux")) {
      return "linux";
    } else if (lower.contains("mac") || lower.contains("darwin")) {
      return "macos";
    } else if (lower.contains("windows")) {
      return "windows";
    }
    return lower.strip().replaceAll("[^a-z0-9._-]+", "-");
  }

  private static long physicalMemoryMiB() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize() / (1024 * 1024);
    }
    return 0;
  }
}
