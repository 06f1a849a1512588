package dev.baton.core.cache;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The hardware part of a cache key: the operating system and CPU architecture, and the model of
 * each GPU the attempt holds (so a result computed on an A100 is not reused on an H100, nor a 1-GPU
 * result for 2 GPUs). {@code $BATON_HARDWARE}, when the step's environment sets it, replaces the
 * GPU part, as it does for benchmark baselines.
 */
final class HardwareKey {
  private HardwareKey() {}

  static String of(@Nullable Agent agent, List<Integer> gpus, Map<String, String> env) {
    String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    String forced = env.getOrDefault("BATON_HARDWARE", "");
    if (!forced.isBlank()) {
      return platform + " hardware=" + forced.strip();
    }
    Map<String, Integer> models = new TreeMap<>();
    for (int index : gpus) {
      String model =
          agent == null
              ? "unknown"
              : agent.gpus().stream()
                  .filter(g -> g.index() == index)
                  .map(Gpu::model)
                  .findFirst()
                  .orElse("unknown");
      models.merge(model, 1, Integer::sum);
    }
    return platform + " gpus=" + gpus.size() + " " + models;
  }
}
