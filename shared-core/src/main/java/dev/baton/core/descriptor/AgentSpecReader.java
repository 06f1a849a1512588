package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Reads declared agents and steps' {@code agent:} requests. */
final class AgentSpecReader {
  private static final List<String> AGENT_KEYS =
      List.of("name", "labels", "executors", "cpus", "memory", "gpus", "simulated", "gpuBusy");
  private static final List<String> REQUEST_KEYS =
      List.of(
          "label",
          "gpus",
          "gpuMemory",
          "gpuModel",
          "cpus",
          "memory",
          "nodes",
          "gpusPerNode",
          "tasksPerNode");

  private AgentSpecReader() {}

  static List<AgentSpec> readList(YamlNode node, NodeReader r) {
    List<AgentSpec> agents = new ArrayList<>();
    if (!(node instanceof YamlList list)) {
      r.wrongType(node, "agents", "a list of agents, each with a name");
      return agents;
    }
    Set<String> names = new HashSet<>();
    for (YamlNode item : list.items()) {
      read(item, r)
          .ifPresent(
              a -> {
                if (!names.add(a.name())) {
                  r.problem(
                      a.position(),
                      "agent name '" + a.name() + "' is used twice",
                      "give every agent its own name");
                }
                agents.add(a);
              });
    }
    return agents;
  }

  private static Optional<AgentSpec> read(YamlNode node, NodeReader r) {
    Optional<YamlMap> maybe = r.map(node, "an agent");
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    YamlMap m = maybe.get();
    r.checkKeys(m, "an agent", AGENT_KEYS, Map.of());
    Optional<String> name = NodeReader.get(m, "name").flatMap(n -> r.string(n, "agent name"));
    if (NodeReader.get(m, "name").isEmpty()) {
      r.problem(
          m.position(),
          "an agent has no 'name'",
          "add 'name: ws1' (names appear in reports and label expressions)");
    }
    String where = "agent '" + name.orElse("?") + "'";
    List<String> labels =
        NodeReader.get(m, "labels").map(n -> r.stringList(n, where + ".labels")).orElse(List.of());
    int executors =
        NodeReader.get(m, "executors")
            .flatMap(n -> r.integer(n, where + ".executors", 1))
            .orElse(0);
    int cpus = NodeReader.get(m, "cpus").flatMap(n -> r.integer(n, where + ".cpus", 1)).orElse(0);
    OptionalLong memory =
        NodeReader.get(m, "memory")
            .map(n -> size(n, where + ".memory", r))
            .orElse(OptionalLong.empty());
    boolean simulated =
        NodeReader.get(m, "simulated").flatMap(n -> r.bool(n, where + ".simulated")).orElse(false);
    Optional<GpuBusyPolicy> gpuBusy =
        NodeReader.get(m, "gpuBusy").flatMap(n -> GpuBusyReader.read(n, where + ".gpuBusy", r));
    List<GpuSpec> gpus = new ArrayList<>();
    Optional<YamlNode> gpuNode = NodeReader.get(m, "gpus");
    if (gpuNode.isPresent()) {
      if (gpuNode.get() instanceof YamlList list) {
        for (YamlNode g : list.items()) {
          r.map(g, where + ".gpus item")
              .ifPresent(
                  gm -> {
                    r.checkKeys(gm, where + ".gpus item", List.of("model", "memory"), Map.of());
                    String model =
                        NodeReader.get(gm, "model")
                            .flatMap(n -> r.scalarText(n, "gpu model"))
                            .orElse("");
                    OptionalLong mem =
                        NodeReader.get(gm, "memory")
                            .map(n -> size(n, "gpu memory", r))
                            .orElse(OptionalLong.empty());
                    gpus.add(new GpuSpec(model, mem));
                  });
        }
      } else {
        int count = r.integer(gpuNode.get(), where + ".gpus", 0).orElse(0);
        for (int i = 0; i < count; i++) {
          gpus.add(new GpuSpec("", OptionalLong.empty()));
        }
      }
    }
    return name.map(
        n ->
            new AgentSpec(
                n,
                m.position(),
                labels,
                executors,
                cpus,
                memory,
                gpus,
                gpuNode.isPresent(),
                simulated,
                gpuBusy));
  }

  static AgentRequest request(YamlNode node, String what, AgentRequest base, NodeReader r) {
    if (node instanceof Scalar s && s.type() == YamlNode.ScalarType.STRING) {
      return new AgentRequest(
          s.text(),
          base.gpus(),
          base.gpuMemoryMiB(),
          base.gpuModel(),
          base.cpus(),
          base.memoryMiB(),
          base.nodes(),
          base.tasksPerNode());
    }
    Optional<YamlMap> maybe = r.map(node, what);
    if (maybe.isEmpty()) {
      return base;
    }
    YamlMap m = maybe.get();
    r.checkKeys(m, what, REQUEST_KEYS, Map.of());
    String label =
        NodeReader.get(m, "label").flatMap(n -> r.string(n, what + ".label")).orElse(base.label());
    int gpus =
        NodeReader.get(m, "gpus").flatMap(n -> r.integer(n, what + ".gpus", 0)).orElse(base.gpus());
    OptionalLong gpuMemory =
        NodeReader.get(m, "gpuMemory")
            .map(n -> size(n, what + ".gpuMemory", r))
            .orElse(base.gpuMemoryMiB());
    String gpuModel =
        NodeReader.get(m, "gpuModel")
            .flatMap(n -> r.scalarText(n, what + ".gpuModel"))
            .orElse(base.gpuModel());
    int cpus =
        NodeReader.get(m, "cpus").flatMap(n -> r.integer(n, what + ".cpus", 0)).orElse(base.cpus());
    OptionalLong memory =
        NodeReader.get(m, "memory").map(n -> size(n, what + ".memory", r)).orElse(base.memoryMiB());
    int nodes =
        NodeReader.get(m, "nodes")
            .flatMap(n -> r.integer(n, what + ".nodes", 1))
            .orElse(base.nodes());
    int tasksPerNode =
        NodeReader.get(m, "tasksPerNode")
            .flatMap(n -> r.integer(n, what + ".tasksPerNode", 1))
            .orElse(base.tasksPerNode());
    // gpusPerNode is gpus said for a multi-node step: GPUs are always counted per node.
    Optional<YamlNode> perNode = NodeReader.get(m, "gpusPerNode");
    if (perNode.isPresent()) {
      if (NodeReader.get(m, "gpus").isPresent()) {
        r.problem(
            perNode.get().position(),
            what + " gives both 'gpus' and 'gpusPerNode'",
            "keep one: both count the GPUs of each node");
      } else {
        gpus = r.integer(perNode.get(), what + ".gpusPerNode", 0).orElse(base.gpus());
      }
    }
    return new AgentRequest(label, gpus, gpuMemory, gpuModel, cpus, memory, nodes, tasksPerNode);
  }

  static OptionalLong size(YamlNode node, String what, NodeReader r) {
    Optional<String> text = r.scalarText(node, what);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong mib = Sizes.parseMiB(text.get());
    if (mib.isEmpty()) {
      r.problem(node.position(), what + " '" + text.get() + "' is not a size", Sizes.HINT);
    }
    return mib;
  }
}
