package dev.baton.core.schedule;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.ConcurrencySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What running steps hold right now: executors, GPU indices, CPUs and memory per agent, and slots
 * of each concurrency group. The run engine keeps one; the scheduler plans on a copy.
 */
public final class Usage {
  private final Map<String, Integer> executors = new HashMap<>();
  private final Map<String, Set<Integer>> gpus = new HashMap<>();
  private final Map<String, Integer> cpus = new HashMap<>();
  private final Map<String, Long> memory = new HashMap<>();
  private final Map<String, Integer> groups = new HashMap<>();

  public Usage copy() {
    Usage u = new Usage();
    u.executors.putAll(executors);
    gpus.forEach((k, v) -> u.gpus.put(k, new TreeSet<>(v)));
    u.cpus.putAll(cpus);
    u.memory.putAll(memory);
    u.groups.putAll(groups);
    return u;
  }

  /**
   * A copy in which {@code gpus} (per agent) and {@code groupSlots} (per group) are also busy: what
   * other processes on the machine hold, for the scheduler to plan around.
   */
  public Usage withOthers(Map<String, Set<Integer>> gpus, Map<String, Integer> groupSlots) {
    Usage u = copy();
    gpus.forEach((agent, held) -> u.gpus.computeIfAbsent(agent, k -> new TreeSet<>()).addAll(held));
    groupSlots.forEach((g, n) -> u.groups.merge(g, n, Integer::sum));
    return u;
  }

  /** Takes what {@code request} needs on {@code agent}; the GPUs must be free. */
  public void take(
      String agent,
      List<Integer> gpuIndices,
      AgentRequest request,
      Optional<ConcurrencySpec> group) {
    Set<Integer> held = gpus.computeIfAbsent(agent, k -> new TreeSet<>());
    for (int g : gpuIndices) {
      if (!held.add(g)) {
        throw new IllegalStateException("GPU " + g + " of agent " + agent + " is already held");
      }
    }
    executors.merge(agent, 1, Integer::sum);
    cpus.merge(agent, request.cpus(), Integer::sum);
    memory.merge(agent, request.memoryMiB().orElse(0), Long::sum);
    group.ifPresent(g -> groups.merge(g.group(), 1, Integer::sum));
  }

  /** Gives back what {@link #take} took. */
  public void release(
      String agent,
      List<Integer> gpuIndices,
      AgentRequest request,
      Optional<ConcurrencySpec> group) {
    gpuIndices.forEach(gpus.getOrDefault(agent, new TreeSet<>())::remove);
    executors.merge(agent, -1, Integer::sum);
    cpus.merge(agent, -request.cpus(), Integer::sum);
    memory.merge(agent, -request.memoryMiB().orElse(0), Long::sum);
    group.ifPresent(g -> groups.merge(g.group(), -1, Integer::sum));
  }

  public int executorsBusy(String agent) {
    return executors.getOrDefault(agent, 0);
  }

  public Set<Integer> gpusBusy(String agent) {
    return gpus.getOrDefault(agent, Set.of());
  }

  public int cpusBusy(String agent) {
    return cpus.getOrDefault(agent, 0);
  }

  public long memoryBusy(String agent) {
    return memory.getOrDefault(agent, 0L);
  }

  public int groupRunning(String group) {
    return groups.getOrDefault(group, 0);
  }

  /** Busy GPU indices per agent, for {@code baton agents} and reports. */
  public Map<String, Set<Integer>> busyGpus() {
    Map<String, Set<Integer>> out = new HashMap<>();
    gpus.forEach((k, v) -> out.put(k, Set.copyOf(v)));
    return out;
  }
}
