package dev.baton.core.agents;

import dev.baton.core.descriptor.AgentSpec;
import dev.baton.core.descriptor.GpuSpec;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns declared agents and this machine's facts into the agents steps run on: the machine itself
 * when none are declared, else virtual agents that share out its detected GPUs.
 */
public final class AgentInventory {
  static final String LOCAL = "local";
  static final String SIMULATED_MODEL = "Simulated GPU";

  private AgentInventory() {}

  /**
   * The agents of this run.
   *
   * @param parallel the default executors per agent; 0 or less: one per core
   * @throws dev.baton.core.errors.DescriptorException when declared agents ask for GPUs this
   *     machine does not have
   */
  public static List<Agent> build(List<AgentSpec> declared, MachineFacts machine, int parallel) {
    int executors = parallel > 0 ? parallel : Math.max(1, machine.cores());
    if (declared.isEmpty()) {
      return List.of(local(machine, executors));
    }
    List<Gpu> detected = machine.gpus().gpus();
    boolean onlyOne = declared.size() == 1;
    List<DescriptorProblem> problems = new ArrayList<>();
    List<Agent> agents = new ArrayList<>();
    int nextGpu = 0;
    for (AgentSpec spec : declared) {
      List<Gpu> gpus = List.of();
      if (spec.gpusDeclared() && spec.simulated()) {
        gpus = simulated(spec.gpus());
      } else if (spec.gpusDeclared()) {
        int wanted = spec.gpus().size();
        int left = detected.size() - nextGpu;
        if (wanted > left) {
          problems.add(tooMany(spec, left, detected.size()));
        } else {
          gpus = detected.subList(nextGpu, nextGpu + wanted);
          nextGpu += wanted;
          checkModels(spec, gpus, problems);
        }
      } else if (onlyOne) {
        gpus = detected;
      }
      agents.add(
          new Agent(
              spec.name(),
              labels(spec.labels(), spec.name(), gpus),
              spec.executors() > 0 ? spec.executors() : executors,
              spec.cpus() > 0 ? spec.cpus() : machine.cores(),
              spec.memoryMiB().isPresent() ? spec.memoryMiB() : memory(machine),
              gpus));
    }
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
    return List.copyOf(agents);
  }

  private static Agent local(MachineFacts machine, int executors) {
    List<String> facts = List.of(machine.os(), machine.arch(), machine.normalisedArch());
    List<Gpu> gpus = machine.gpus().gpus();
    return new Agent(
        LOCAL, labels(facts, LOCAL, gpus), executors, machine.cores(), memory(machine), gpus);
  }

  private static Set<String> labels(List<String> declared, String name, List<Gpu> gpus) {
    Set<String> labels = new LinkedHashSet<>();
    labels.add(name);
    for (String label : declared) {
      if (!label.isBlank()) {
        labels.add(label);
      }
    }
    if (!gpus.isEmpty()) {
      labels.add("gpu");
      gpus.stream().map(Gpu::modelLabel).filter(l -> !l.isEmpty()).forEach(labels::add);
    }
    return labels;
  }

  private static List<Gpu> simulated(List<GpuSpec> specs) {
    List<Gpu> gpus = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      GpuSpec spec = specs.get(i);
      String model = spec.model().isBlank() ? SIMULATED_MODEL : spec.model().strip();
      gpus.add(new Gpu(i, model, spec.memoryMiB().orElse(0), "", true));
    }
    return gpus;
  }

  private static DescriptorProblem tooMany(AgentSpec spec, int left, int detected) {
    String wanted = spec.gpus().size() == 1 ? "1 GPU" : spec.gpus().size() + " GPUs";
    String has =
        detected == 0
            ? "no GPUs were detected on this machine"
            : "this machine has " + left + " left (" + detected + " detected)";
    return new DescriptorProblem(
        spec.position(),
        "agent " + spec.name() + " declares " + wanted + " but " + has,
        "set simulated: true to simulate GPUs in tests and demos");
  }

  /** A declared model that differs from the GPU it is given is a mistake worth stopping for. */
  private static void checkModels(AgentSpec spec, List<Gpu> gpus, List<DescriptorProblem> into) {
    for (int i = 0; i < gpus.size(); i++) {
      String declared = spec.gpus().get(i).model();
      Gpu gpu = gpus.get(i);
      String wanted = GpuModels.label(declared).toLowerCase(Locale.ROOT);
      if (!declared.isBlank() && !wanted.equals(gpu.modelLabel().toLowerCase(Locale.ROOT))) {
        into.add(
            new DescriptorProblem(
                spec.position(),
                "agent "
                    + spec.name()
                    + " declares a GPU of model "
                    + declared
                    + " but is given GPU "
                    + gpu.index()
                    + " ("
                    + gpu.model()
                    + ")",
                "declare model '" + gpu.modelLabel() + "' or leave the model out"));
      }
    }
  }

  private static OptionalLong memory(MachineFacts machine) {
    return machine.memoryMiB() > 0 ? OptionalLong.of(machine.memoryMiB()) : OptionalLong.empty();
  }
}
