package dev.baton.core.limits;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.LimitsPolicy;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code limits: enforce}: each attempt of a step that asks for {@code agent.memory} or {@code
 * agent.cpus} runs in a cgroup v2 of its own with {@code memory.max} and {@code cpu.max}, and one
 * the kernel killed for memory ends as "out of memory", not "exit code 137". Where this machine
 * gives no such cgroup, or the step runs in a container or on another executor than the local one,
 * the limits stay advisory and one warning per run says so.
 */
public final class LimitingExecutor implements StepExecutor {
  private final StepExecutor delegate;
  private final LimitsPolicy policy;
  private final EventSink events;
  private final Supplier<CgroupV2.Probe> probe;
  private volatile CgroupV2.@Nullable Probe probed;
  private final AtomicBoolean told = new AtomicBoolean();

  LimitingExecutor(
      StepExecutor delegate,
      LimitsPolicy policy,
      EventSink events,
      Supplier<CgroupV2.Probe> probe) {
    this.delegate = delegate;
    this.policy = policy;
    this.events = events;
    this.probe = probe;
  }

  /** {@code executor}, enforcing limits where {@code policy} asks it; itself when none asks. */
  public static StepExecutor around(StepExecutor executor, LimitsPolicy policy, EventSink events) {
    if (policy.isAdvisory()) {
      return executor;
    }
    return new LimitingExecutor(executor, policy, events, CgroupV2::probe);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Optional<String> notice() {
    return delegate.notice();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public StepHandle launch(StepLaunch launch) {
    StepSpec spec = launch.step().spec();
    AgentRequest asked = spec.agent();
    long memoryBytes = asked.memoryMiB().orElse(0) * 1024 * 1024;
    if (!policy.enforced(spec.name()) || (memoryBytes == 0 && asked.cpus() == 0)) {
      return delegate.launch(launch);
    }
    if (spec.container().isPresent() || !"local".equals(delegate.name())) {
      advisory(spec.name(), "it does not run as a process of this machine's executor");
      return delegate.launch(launch);
    }
    Optional<CgroupV2> cgroups = probe().available();
    if (cgroups.isEmpty()) {
      advisory(spec.name(), probe().why());
      return delegate.launch(launch);
    }
    StepCgroup cgroup;
    try {
      cgroup = cgroups.get().child(launch.stepId(), memoryBytes, asked.cpus());
    } catch (IOException e) {
      advisory(spec.name(), "its cgroup could not be made (" + e.getMessage() + ")");
      return delegate.launch(launch);
    }
    StepLaunch limited =
        new StepLaunch(
            launch.step(),
            launch.attempt(),
            cgroup.wrap(launch.command()),
            launch.env(),
            launch.workdir(),
            launch.log(),
            launch.agent(),
            launch.gpus(),
            launch.timeout(),
            launch.leaseDescriptors());
    return new LimitedHandle(delegate.launch(limited), cgroup, memoryBytes);
  }

  private CgroupV2.Probe probe() {
    CgroupV2.Probe p = probed;
    if (p == null) {
      p = probe.get();
      probed = p;
    }
    return p;
  }

  /** One warning per run: the first step whose limits cannot hold names the reason. */
  private void advisory(String step, String why) {
    if (told.compareAndSet(false, true)) {
      events.accept(
          new RunEvent.Notice(
              RunEvent.Level.WARNING,
              "limits: enforce cannot hold here, so memory and cpus stay advisory (step '"
                  + step
                  + "' and any other): "
                  + why));
    }
  }
}
