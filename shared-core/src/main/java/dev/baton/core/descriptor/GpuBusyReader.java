package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads {@code gpuBusy: {ignoreForeign, minMemory}} of an agent or of the descriptor. */
final class GpuBusyReader {
  static final List<String> KEYS = List.of("ignoreForeign", "minMemory");

  private GpuBusyReader() {}

  /** The policy, or empty when {@code node} is not one; every mistake goes to {@code r}. */
  static Optional<GpuBusyPolicy> read(YamlNode node, String what, NodeReader r) {
    Optional<YamlMap> maybe = r.map(node, what);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    YamlMap m = maybe.get();
    r.checkKeys(m, what, KEYS, Map.of());
    boolean ignoreForeign =
        NodeReader.get(m, "ignoreForeign")
            .flatMap(n -> r.bool(n, what + ".ignoreForeign"))
            .orElse(GpuBusyPolicy.DEFAULT.ignoreForeign());
    long minMemory =
        NodeReader.get(m, "minMemory")
            .map(n -> AgentSpecReader.size(n, what + ".minMemory", r))
            .orElse(OptionalLong.empty())
            .orElse(GpuBusyPolicy.DEFAULT.minMemoryMiB());
    return Optional.of(new GpuBusyPolicy(ignoreForeign, minMemory));
  }
}
