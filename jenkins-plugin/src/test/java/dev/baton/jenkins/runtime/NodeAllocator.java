package dev.baton.jenkins.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The executors of the test agents. {@code node(label)} takes a free executor on the first agent
 * whose labels match, and blocks while every matching executor is busy, as a Jenkins queue item
 * does. Concurrent builds on one agent get {@code workspace}, {@code workspace@2}, ... as in
 * Jenkins.
 */
final class NodeAllocator {
  /** A held executor. */
  record Executor(TestAgent agent, int slot, Path workspace) {}

  private final List<TestAgent> agents;
  private final Path root;
  private final long maxWaitMillis;
  private final Map<String, boolean[]> busy = new HashMap<>();
  private final Map<String, Integer> peak = new HashMap<>();

  NodeAllocator(List<TestAgent> agents, Path root, long maxWaitMillis) {
    this.agents = List.copyOf(agents);
    this.root = root;
    this.maxWaitMillis = maxWaitMillis;
    for (TestAgent agent : agents) {
      busy.put(agent.name(), new boolean[agent.executors()]);
    }
  }

  /**
   * Takes a free executor of an agent matching {@code label}, waiting as a Jenkins queue item does,
   * also when no agent has the label (Jenkins waits for one to be added). A test must not hang, so
   * the wait ends in a failure after the runtime's limit.
   */
  synchronized Executor acquire(String label, String branch, BuildRun build)
      throws InterruptedException {
    List<TestAgent> candidates = new ArrayList<>();
    for (TestAgent agent : agents) {
      if (agent.matches(label)) {
        candidates.add(agent);
      }
    }
    long deadline = System.currentTimeMillis() + maxWaitMillis;
    if (candidates.isEmpty()) {
      String why = "There are no nodes with the label '" + label + "'";
      build.log(branch, "Still waiting to schedule task\n" + why);
      while (true) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new PipelineError("waited too long for a node: " + why);
        }
        wait(left);
      }
    }
    while (true) {
      for (TestAgent agent : candidates) {
        boolean[] slots = busy.get(agent.name());
        for (int slot = 0; slot < slots.length; slot++) {
          if (!slots[slot]) {
            slots[slot] = true;
            peak.merge(agent.name(), inUse(slots), Math::max);
            return new Executor(agent, slot, workspace(agent, slot));
          }
        }
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new PipelineError("waited too long for an executor on '" + label + "'");
      }
      wait(left);
    }
  }

  synchronized void release(Executor executor) {
    busy.get(executor.agent().name())[executor.slot()] = false;
    notifyAll();
  }

  /** The most executors of {@code agent} that were busy at once. */
  synchronized int peakBusy(String agent) {
    return peak.getOrDefault(agent, 0);
  }

  Path workspaceRoot(String agent) {
    return root.resolve(agent);
  }

  private Path workspace(TestAgent agent, int slot) {
    Path ws =
        root.resolve(agent.name()).resolve(slot == 0 ? "workspace" : "workspace@" + (slot + 1));
    try {
      return Files.createDirectories(ws);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int inUse(boolean[] slots) {
    int n = 0;
    for (boolean b : slots) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
