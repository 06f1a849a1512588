package dev.baton.core.schedule;

import java.util.List;

/** The scheduler's decision for one step: run it now on this agent with these GPUs. */
public record Placement(ReadyStep ready, String agent, List<Integer> gpus) {
  public Placement {
    gpus = List.copyOf(gpus);
  }
}
