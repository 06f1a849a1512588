package dev.baton.core.agents;

import dev.baton.core.descriptor.GpuBusyPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which of an agent's GPUs are busy with processes that are not Baton steps: a notebook or
 * a training job started by hand holds GPU memory a step would run out of.
 */
public final class ForeignGpuUse {
  private final ProcStat proc;

  /** Tells Baton's steps from other processes by this machine's {@code /proc}. */
  public ForeignGpuUse() {
    this(new ProcStat());
  }

  public ForeignGpuUse(ProcStat proc) {
    this.proc = proc;
  }

  /**
   * The agent's GPUs busy with foreign work.
   *
   * @param processes what {@code nvidia-smi} said runs on the machine's GPUs
   * @param agentGpus the agent's GPUs; simulated ones are never busy with foreign work
   * @param batonStepGroups the session (or process group) ids of the running Baton steps of every
   *     Baton process on this machine: a process in one of them is a Baton step
   */
  public ForeignGpus busyGpus(
      GpuProcesses processes,
      List<Gpu> agentGpus,
      GpuBusyPolicy policy,
      Set<Long> batonStepGroups) {
    List<Gpu> real = agentGpus.stream().filter(g -> !g.simulated()).toList();
    if (policy.ignoreForeign() || real.isEmpty()) {
      return ForeignGpus.NONE;
    }
    Map<Integer, String> busy = new LinkedHashMap<>();
    if (!processes.known()) {
      for (Gpu gpu : real) {
        busy.put(gpu.index(), "GPU " + gpu.index() + " not handed out: " + processes.problem());
      }
      return new ForeignGpus(false, busy, processes.problem());
    }
    boolean canTell = proc.available();
    for (Gpu gpu : real) {
      List<GpuProcess> foreign = new ArrayList<>();
      for (GpuProcess p : processes.processes()) {
        if (p.gpuIndex() == gpu.index()
            && bigEnough(p, policy)
            && !isBatonStep(p, canTell, batonStepGroups)) {
          foreign.add(p);
        }
      }
      if (!foreign.isEmpty()) {
        busy.put(gpu.index(), reason(gpu.index(), foreign));
      }
    }
    return new ForeignGpus(true, busy, "");
  }

  /** A process whose memory is not reported counts: it may hold all of it. */
  private static boolean bigEnough(GpuProcess p, GpuBusyPolicy policy) {
    return p.usedMemoryMiB().isEmpty() || p.usedMemoryMiB().getAsLong() >= policy.minMemoryMiB();
  }

  private boolean isBatonStep(GpuProcess p, boolean canTell, Set<Long> batonStepGroups) {
    if (!canTell) {
      // Without /proc no process can be told apart: the safe answer is that it is foreign.
      return false;
    }
    Optional<ProcStat.Ids> ids = proc.read(p.pid());
    if (ids.isEmpty()) {
      // It ended after nvidia-smi listed it, so it holds no GPU memory any more.
      return true;
    }
    return batonStepGroups.contains(ids.get().session())
        || batonStepGroups.contains(ids.get().processGroup());
  }

  private static String reason(int gpuIndex, List<GpuProcess> foreign) {
    // The biggest user names the GPU's trouble; one whose memory is unknown may be the biggest.
    foreign.sort(
        Comparator.comparingLong((GpuProcess p) -> p.usedMemoryMiB().orElse(Long.MAX_VALUE))
            .reversed());
    GpuProcess top = foreign.get(0);
    StringBuilder text = new StringBuilder("GPU ").append(gpuIndex).append(" busy: pid ");
    text.append(top.pid());
    if (!top.shortName().isEmpty()) {
      text.append(" (").append(top.shortName()).append(')');
    }
    if (top.usedMemoryMiB().isPresent()) {
      text.append(" uses ").append(MemoryText.of(top.usedMemoryMiB().getAsLong()));
    } else {
      text.append(" uses memory nvidia-smi does not report");
    }
    int more = foreign.size() - 1;
    if (more > 0) {
      text.append(" and ").append(more).append(more == 1 ? " more process" : " more processes");
      return text.append(", not Baton steps").toString();
    }
    return text.append(", not a Baton step").toString();
  }
}
