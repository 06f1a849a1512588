package dev.baton.core.limits;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.ReapedUsage;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.record.AttemptUsage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An attempt in its own cgroup: when it ends, the kernel's {@code oom_kill} count says whether it
 * was killed for memory (then its message says so), and the cgroup is removed.
 */
final class LimitedHandle implements StepHandle {
  private final StepHandle delegate;
  private final CompletableFuture<ExitStatus> exit;
  private volatile boolean outOfMemory;
  private final long memoryBytes;

  LimitedHandle(StepHandle delegate, StepCgroup cgroup, long memoryBytes) {
    this.delegate = delegate;
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
  public void stop(Duration grace) {
    delegate.stop(grace);
  }

  @Override
  public Map<String, Object> results() {
    if (!outOfMemory) {
      return delegate.results();
    }
    Map<String, Object> results = new LinkedHashMap<>(delegate.results());
    results.put("oom", true);
    results.put(
        "message",
        "out of memory: the kernel killed it at its limit (agent.memory: "
            + memoryBytes / (1024 * 1024)
            + " MiB"
            + ", limits: enforce); ask for more memory or use less");
    return results;
  }

  @Override
  public long processGroup() {
    return delegate.processGroup();
  }

  @Override
  public CompletableFuture<Long> started() {
    return delegate.started();
  }

  @Override
  public Optional<ReapedUsage> reapedUsage() {
    return delegate.reapedUsage();
  }

  @Override
  public @Nullable AttemptUsage usage() {
    return delegate.usage();
  }

  @Override
  public String jobId() {
    return delegate.jobId();
  }

  @Override
  public String image() {
    return delegate.image();
  }

  @Override
  public String imageDigest() {
    return delegate.imageDigest();
  }

  @Override
  public StepHandle underlying() {
    return delegate.underlying();
  }
}
