package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the top-level {@code slurm: {mode, partition, account, qos, idle}} block: the Slurm
 * executor's options as the descriptor gives them. Options the front end passes win over these.
 */
final class SlurmBlockReader {
  static final List<String> KEYS = List.of("mode", "partition", "account", "qos", "idle");
  static final List<String> MODES = List.of("job", "allocation");

  private SlurmBlockReader() {}

  /** The options by name; every mistake goes to {@code r} with its position. */
  static Map<String, String> read(YamlNode node, NodeReader r) {
    Map<String, String> options = new LinkedHashMap<>();
    r.map(node, "slurm")
        .ifPresent(
            (YamlMap m) -> {
              r.checkKeys(m, "slurm", KEYS, Map.of());
              for (String key : KEYS) {
                NodeReader.get(m, key)
                    .ifPresent(
                        n ->
                            r.string(n, "slurm." + key)
                                .ifPresent(value -> check(key, value, n, r, options)));
              }
            });
    return options;
  }

  private static void check(
      String key, String value, YamlNode n, NodeReader r, Map<String, String> options) {
    if (value.isBlank()) {
      r.problem(
          n.position(),
          "slurm." + key + " is empty",
          "give a value or leave '" + key + "' out for the cluster's default");
    } else if (key.equals("mode") && !MODES.contains(value.strip())) {
      r.problem(
          n.position(),
          "unknown Slurm mode '" + value + "'",
          "use 'job' (a batch job per step) or 'allocation' (steps started by Baton's pilot"
              + " inside allocations it holds)");
    } else if (key.equals("idle") && Durations.parse(value).isEmpty()) {
      r.problem(
          n.position(),
          "slurm.idle '" + value + "' is not a duration",
          Durations.HINT + " (how long an idle allocation is kept before it is given back)");
    } else {
      options.put(key, value.strip());
    }
  }
}
