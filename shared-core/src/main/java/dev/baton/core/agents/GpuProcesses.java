package dev.baton.core.agents;

import java.util.List;

/**
 * What {@code nvidia-smi} said runs on this machine's GPUs: the processes, or that Baton does not
 * know (it failed, hung or printed what Baton cannot read), with the problem to tell the user.
 *
 * @param known whether {@code processes} is the whole truth; when not, no GPU may be handed out
 * @param processes the processes, in the order {@code nvidia-smi} printed them
 * @param problem "<what is wrong>; <how to fix it>" when not known, else empty
 */
public record GpuProcesses(boolean known, List<GpuProcess> processes, String problem) {
  /** The answer before {@code nvidia-smi} has answered for the first time. */
  static final String STILL_ASKING =
      "Baton is still asking nvidia-smi which processes use the GPUs; wait a moment";

  public GpuProcesses {
    processes = List.copyOf(processes);
    problem = problem == null ? "" : problem;
  }

  /** The processes, known to be all of them. */
  public static GpuProcesses of(List<GpuProcess> processes) {
    return new GpuProcesses(true, processes, "");
  }

  /** Not known, because of {@code problem}. */
  public static GpuProcesses unknown(String problem) {
    return new GpuProcesses(false, List.of(), problem);
  }
}
