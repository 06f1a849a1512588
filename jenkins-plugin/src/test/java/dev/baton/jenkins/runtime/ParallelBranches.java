package dev.baton.jenkins.runtime;

import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code parallel} step: each branch on a thread of its own, taking turns on the one CPS thread
 * ({@link GroovyExecution}) as Jenkins runs all branches on one; an abort reaches the branches' own
 * steps, and the step ends when its branches have ended.
 */
final class ParallelBranches {
  private ParallelBranches() {}

  static Object run(
      Map<String, Object> branches,
      StepContext ctx,
      GroovyExecution execution,
      ThreadLocal<StepContext> context)
      throws InterruptedException {
    Map<String, Throwable> failures = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (Map.Entry<String, Object> branch : branches.entrySet()) {
      if (!(branch.getValue() instanceof Closure<?> body)) {
        continue;
      }
      StepContext inner = ctx.inBranch(branch.getKey());
      Thread thread =
          new Thread(
              () -> {
                try {
                  context.set(inner);
                  execution.callOnBranchThread(body);
                } catch (Throwable t) {
                  failures.put(branch.getKey(), t);
                }
              },
              "branch " + branch.getKey());
      threads.add(thread);
      thread.start();
    }
    // An abort reaches the branches' own steps; parallel ends when its branches have ended.
    boolean aborted =
        execution.outside(
            () -> {
              boolean interrupted = false;
              for (Thread thread : threads) {
                while (thread.isAlive()) {
                  try {
                    thread.join();
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
              }
              return interrupted;
            });
    for (Throwable t : failures.values()) {
      if (t instanceof FlowInterruptedException e) {
        throw e;
      }
    }
    if (aborted) {
      throw new FlowInterruptedException("parallel interrupted");
    }
    if (!failures.isEmpty()) {
      Throwable first = failures.values().iterator().next();
      if (first instanceof RuntimeException e) {
        throw e;
      }
      throw new PipelineError("parallel branch failed: " + first);
    }
    return null;
  }
}
