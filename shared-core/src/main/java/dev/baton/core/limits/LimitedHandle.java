package dev.baton.core.limits;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.ForwardingStepHandle;
import dev.baton.core.exec.StepHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An attempt in its own cgroup: when it ends, the kernel's {@code oom_kill} count says whether it
 * was killed for memory (then its message says so), and the cgroup is removed.
 */
final class LimitedHandle extends ForwardingStepHandle {
  private final CompletableFuture<ExitStatus> exit;
  private volatile boolean outOfMemory;
  private final long memoryBytes;

  LimitedHandle(StepHandle delegate, StepCgroup cgroup, long memoryBytes) {
    super(delegate);
    this.memoryBytes = memoryBytes;
    this.exit =
        delegate
            .exit()
            .thenApply(
                status -> {
                  outOfMemory =
                      status.launched() && status.exitCode() != 0 && cgroup.oomKills() > 0;
                  cgroup.remove();
                  return status;
                });
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public Map<String, Object> results() {
    if (!outOfMemory) {
      return super.results();
    }
    Map<String, Object> results = new LinkedHashMap<>(super.results());
    results.put("oom", true);
    results.put(
        "message",
        "out of memory: the kernel killed it at its limit (agent.memory: "
            + memoryBytes / (1024 * 1024)
            + " MiB"
            + ", limits: enforce); ask for more memory or use less");
    return results;
  }
}
