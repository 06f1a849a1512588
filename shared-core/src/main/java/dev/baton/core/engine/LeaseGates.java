package dev.baton.core.engine;

import dev.baton.core.agents.Agent;
import dev.baton.core.api.InfrastructureException;
import dev.baton.core.descriptor.ConcurrencySpec;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.lease.LeaseException;
import dev.baton.core.lease.MachineLeases;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Makes the {@link LeaseGate} of a run from its settings. */
final class LeaseGates {
  private LeaseGates() {}

  /**
   * The gate of a run: leasing in {@link RunSettings#leaseDirectory()}, or leasing nothing when no
   * step needs a lease (no GPUs it assigns, no machine-wide group: the run then costs nothing
   * here), the settings name no directory, or the platform cannot lock files (said as a notice).
   *
   * @throws InfrastructureException when the lease directory cannot be made
   */
  static LeaseGate forRun(Plan plan, List<Agent> agents, RunSettings settings, EventSink events) {
    List<PlannedStep> steps = plan.steps();
    MachineLeases leases = null;
    boolean needed =
        steps.stream()
            .anyMatch(
                s ->
                    (settings.assignGpus() && s.agent().gpus() > 0)
                        || s.concurrency().filter(ConcurrencySpec::machineWide).isPresent());
    if (needed && settings.leaseDirectory().isPresent()) {
      Path dir = settings.leaseDirectory().get();
      if (!MachineLeases.supported()) {
        events.accept(
            new RunEvent.Notice(
                RunEvent.Level.WARNING,
                "GPUs and concurrency groups are not leased machine-wide here ("
                    + MachineLeases.unsupportedReason()
                    + "): only this run's own steps are kept apart"));
      } else {
        try {
          leases = MachineLeases.at(dir);
        } catch (LeaseException e) {
          throw new InfrastructureException(
              e.getMessage()
                  + "; make it writable for every user of this machine, or point "
                  + MachineLeases.DIRECTORY_VARIABLE
                  + " at a directory that is");
        }
      }
    }
    LeaseGate.ForeignWork foreign =
        leases == null || !settings.assignGpus()
            ? LeaseGate.ForeignWork.NONE
            : ForeignGpuCheck.start(plan.descriptor(), agents, settings.baseEnv(), events);
    return new LeaseGate(leases, agents, settings, events, foreign);
  }

  /** The message of a step that waited longer than the lease timeout. */
  static String timedOut(Duration limit) {
    return "waited longer than the lease timeout ("
        + dev.baton.core.report.HumanDuration.format(limit.toMillis())
        + ") for GPUs or a concurrency slot that other processes on this machine hold";
  }
}
