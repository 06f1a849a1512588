package dev.baton.core.agents;

import java.util.List;

/**
 * The GPUs found on this machine, and what went wrong while looking.
 *
 * @param gpus the GPUs, ordered by index; empty when none were found or detection failed
 * @param problem a one-line "<what is wrong>, <how to fix it>" for the caller to say once; empty
 *     when detection went fine
 */
public record GpuDetection(List<Gpu> gpus, String problem) {

  public GpuDetection {
    gpus = List.copyOf(gpus);
    problem = problem == null ? "" : problem;
  }

  /** No GPUs, for the reason given. */
  public static GpuDetection none(String problem) {
    return new GpuDetection(List.of(), problem);
  }

  /** Whether there is a problem worth telling the user about. */
  public boolean hasProblem() {
    return !problem.isEmpty();
  }
}
