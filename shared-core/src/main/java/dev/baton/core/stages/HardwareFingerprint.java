package dev.baton.core.stages;

import dev.baton.core.descriptor.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Names the hardware a step ran on, so a baseline measured on one GPU model never judges a run on
 * another: {@code cpu} for a step that holds no GPU, else its GPU model ({@code
 * nvidia-a100-sxm4-80gb}).
 */
final class HardwareFingerprint {
  static final String CPU = "cpu";
  static final String UNKNOWN_GPU = "gpu";
  static final String OVERRIDE = "BATON_HARDWARE";

  private HardwareFingerprint() {}

  /**
   * The fingerprint of the step's placement: {@code $BATON_HARDWARE} when set, {@code cpu} without
   * GPUs, else the model names nvidia-smi reports for the held indices, asked where the step runs.
   */
  static String of(StageCommands commands) throws InterruptedException {
    String forced = commands.launch().env().getOrDefault(OVERRIDE, "");
    if (!forced.isBlank()) {
      return normalize(forced);
    }
    List<Integer> gpus = commands.launch().gpus();
    if (gpus.isEmpty()) {
      return CPU;
    }
    StageCommands.Outcome out =
        commands.run(
            new Command.Argv(
                List.of("nvidia-smi", "--query-gpu=index,name", "--format=csv,noheader")),
            Duration.ofSeconds(20),
            false);
    return out.success() ? fromQuery(out.output(), gpus) : UNKNOWN_GPU;
  }

  /** The distinct models of the {@code held} indices in nvidia-smi's "index, name" lines. */
  static String fromQuery(String output, List<Integer> held) {
    TreeSet<String> models = new TreeSet<>();
    for (String line : output.split("\\R", -1)) {
      String[] parts = line.split(",", 2);
      if (parts.length == 2
          && parts[0].strip().matches("\\d+")
          && held.contains(Integer.parseInt(parts[0].strip()))) {
        models.add(normalize(parts[1]));
      }
    }
    return models.isEmpty() ? UNKNOWN_GPU : String.join("+", new ArrayList<>(models));
  }

  static String normalize(String model) {
    return model
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9.]+", "-")
        .replaceAll("^-|-$", "");
  }
}
