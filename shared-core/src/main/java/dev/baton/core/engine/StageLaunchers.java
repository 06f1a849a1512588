package dev.baton.core.engine;

import dev.baton.core.agents.Agent;
import dev.baton.core.cache.CachingLauncher;
import dev.baton.core.events.EventSink;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepLauncher;
import dev.baton.core.exec.container.ContainerSteps;
import dev.baton.core.limits.LimitingExecutor;
import dev.baton.core.plan.Plan;
import dev.baton.core.secrets.Masker;
import dev.baton.core.stages.StageLauncher;
import dev.baton.core.usage.MeasuringLauncher;
import dev.baton.core.usage.UsageInterval;
import java.util.List;

/**
 * Chooses how each step kind is launched: validate, benchmark and deploy steps go to the stage
 * launcher, which runs their commands through the executor and judges them; plain steps go straight
 * to the executor. Every attempt with a process on this machine is measured (see {@link
 * MeasuringLauncher}).
 */
final class StageLaunchers {
  private StageLaunchers() {}

  static StepLauncher forExecutor(StepExecutor executor, Masker masker) {
    return new StageLauncher(executor, masker);
  }

  /** {@link #forExecutor}, with steps that set {@code cache: true} going through the step cache. */
  static StepLauncher forRun(
      StepExecutor executor,
      Plan plan,
      List<Agent> agents,
      EventSink events,
      RunSettings settings) {
    // Containers: the image is checked and digested before the cache key is made; the command is
    // rewritten to the runtime's next to the executor, after stages split theirs. Usage is
    // measured around the executor's handles.
    ContainerSteps containers = new ContainerSteps(settings.workspace(), settings.killGrace());
    return containers.launcher(
        new CachingLauncher(
            MeasuringLauncher.around(
                new StageLauncher(
                    containers.executor(
                        LimitingExecutor.around(executor, plan.descriptor().limits(), events)),
                    settings.secrets().masker(),
                    settings.aliases()),
                UsageInterval.configured()),
            settings.readCache(),
            settings.workspace(),
            plan.params(),
            agents,
            events));
  }
}
