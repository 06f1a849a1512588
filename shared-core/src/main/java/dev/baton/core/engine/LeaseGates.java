package dev.baton.core.engine;

import dev.baton.core.agents.Agent;
import dev.baton.core.descriptor.ConcurrencySpec;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.lease.LeaseException;
import dev.baton.core.lease.MachineLeases;
import dev.baton.core.plan.Plan;
import dev.baton.core.report.HumanDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Makes the {@link LeaseGate} of a run from its settings. */
public final class LeaseGates {
  private LeaseGates() {}

  /**
   * Where a run of {@code plan} leases, made ready before the run writes anything (a lease
   * directory that cannot be used leaves no half-made run behind); empty when no step needs a lease
   * (no GPUs Baton assigns, no machine-wide group: the run then costs nothing here) or the platform
   * cannot lock files.
   *
   * @throws InfrastructureException when the lease directory cannot be made or used
   */
  public static Optional<Path> directory(Plan plan, boolean assignGpus, Map<String, String> env) {
    if (!needed(plan, assignGpus) || !MachineLeases.supported()) {
      return Optional.empty();
    }
    return Optional.of(open(MachineLeases.directoryFor(env)).directory());
  }

  /**
   * The gate of a run: leasing in {@link RunSettings#leaseDirectory()}, or leasing nothing when the
   * settings name none; a run that needs leases where the platform cannot lock files is told so.
   */
  static LeaseGate forRun(Plan plan, List<Agent> agents, RunSettings settings, EventSink events) {
    if (needed(plan, settings.assignGpus()) && !MachineLeases.supported()) {
      events.accept(
          new RunEvent.Notice(
              RunEvent.Level.WARNING,
              "GPUs and concurrency groups are not leased machine-wide here ("
                  + MachineLeases.unsupportedReason()
                  + "): only this run's own steps are kept apart"));
    }
    MachineLeases leases =
        settings.leaseDirectory().isPresent() && MachineLeases.supported()
            ? open(settings.leaseDirectory().get())
            : null;
    LeaseGate.ForeignWork foreign =
        leases == null || !settings.assignGpus()
            ? LeaseGate.ForeignWork.NONE
            : ForeignGpuCheck.start(plan.descriptor(), agents, settings.baseEnv(), events);
    return new LeaseGate(leases, agents, settings, events, foreign);
  }

  private static boolean needed(Plan plan, boolean assignGpus) {
    return plan.steps().stream()
        .anyMatch(
            s ->
                (assignGpus && s.agent().gpus() > 0)
                    || s.concurrency().filter(ConcurrencySpec::machineWide).isPresent());
  }

  private static MachineLeases open(Path dir) {
    try {
      return MachineLeases.at(dir);
    } catch (LeaseException e) {
      throw new InfrastructureException(
          e.getMessage()
              + "; make it writable for every user of this machine, or point "
              + MachineLeases.DIRECTORY_VARIABLE
              + " at a directory that is");
    }
  }

  /** The message of a step that waited longer than the lease timeout. */
  static String timedOut(Duration limit) {
    return "waited longer than the lease timeout ("
        + HumanDuration.format(limit.toMillis())
        + ") for GPUs or a concurrency slot that other processes on this machine hold";
  }
}
