package dev.baton.core.api;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.AgentInventory;
import dev.baton.core.agents.Feasibility;
import dev.baton.core.agents.GpuDetection;
import dev.baton.core.agents.MachineFacts;
import dev.baton.core.descriptor.AgentSpec;
import dev.baton.core.descriptor.DescriptorException;
import dev.baton.core.descriptor.DescriptorProblem;
import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.exec.slurm.SlurmExecutor;
import dev.baton.core.exec.slurm.SlurmInventory;
import dev.baton.core.exec.slurm.SlurmSettings;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A config turned into what a run needs, with every check that can happen before anything runs: the
 * plan, the agents, and whether each step could ever be placed on one of them.
 */
record Prepared(Plan plan, List<Agent> agents, EngineChoice executor) {

  static Prepared of(BatonConfig config, Map<String, String> env, EventSink events) {
    Plan plan = Planning.plan(config);
    String engine = config.executor().isEmpty() ? plan.descriptor().executor() : config.executor();
    if (engine.equals("slurm")) {
      List<Agent> nodes = SlurmInventory.read();
      checkFeasible(plan, nodes);
      SlurmSettings settings = SlurmOptions.settings(config.executorOptions());
      return new Prepared(
          plan,
          nodes,
          new EngineChoice(
              "slurm", false, () -> new SlurmExecutor(settings, plan.pipeline(), nodes)));
    }
    if (!engine.isEmpty() && !engine.equals("local")) {
      throw new UsageException("unknown executor '" + engine + "'; use local or slurm");
    }
    List<AgentSpec> declared =
        config
            .agentsFile()
            .map(DescriptorReader::readAgentsFile)
            .orElse(plan.descriptor().agents());
    boolean wantsGpus = plan.steps().stream().anyMatch(s -> s.agent().gpus() > 0);
    MachineFacts machine = MachineFacts.detect(env);
    GpuDetection gpus = machine.gpus();
    if (!gpus.problem().isEmpty()
        && (wantsGpus || declared.stream().anyMatch(a -> !a.simulated() && !a.gpus().isEmpty()))) {
      events.accept(new RunEvent.Notice(RunEvent.Level.WARNING, gpus.problem()));
    }
    List<Agent> agents = AgentInventory.build(declared, machine, config.parallel());
    checkFeasible(plan, agents);
    return new Prepared(plan, agents, EngineChoice.LOCAL);
  }

  /** One step on one outside agent with the given GPUs: the outside engine already placed it. */
  static Prepared single(BatonConfig config, String stepId, String agent, List<Integer> gpus) {
    Plan full = Planning.plan(config.withOnly(java.util.Set.of(stepId)));
    PlannedStep s =
        full.steps().stream().filter(x -> x.id().equals(stepId)).findFirst().orElse(null);
    if (s == null) {
      List<String> cells =
          full.steps().stream()
              .filter(x -> x.stepName().equals(stepId))
              .map(PlannedStep::id)
              .toList();
      throw new UsageException(
          "'"
              + stepId
              + "' names "
              + cells.size()
              + " matrix cells; pass one id, such as '"
              + (cells.isEmpty() ? stepId : cells.get(0))
              + "'");
    }
    if (new java.util.HashSet<>(gpus).size() != gpus.size()) {
      throw new UsageException(
          "--gpus " + gpus + " names a GPU twice; give each locked GPU index once");
    }
    if (s.agent().gpus() > gpus.size()) {
      throw new UsageException(
          "step "
              + stepId
              + " needs "
              + s.agent().gpus()
              + " GPUs but --gpus gives "
              + gpus.size()
              + "; lock as many GPUs as the step asks for");
    }
    dev.baton.core.descriptor.AgentRequest placed =
        new dev.baton.core.descriptor.AgentRequest(
            "", gpus.size(), java.util.OptionalLong.empty(), "", 0, java.util.OptionalLong.empty());
    PlannedStep only =
        new PlannedStep(
            s.id(),
            s.spec(),
            s.matrix(),
            s.command(),
            s.needs(),
            s.env(),
            s.workdir(),
            s.timeout(),
            s.retry(),
            placed,
            java.util.Optional.empty(),
            s.skipReason());
    List<dev.baton.core.agents.Gpu> held = new ArrayList<>();
    for (int g : gpus) {
      held.add(new dev.baton.core.agents.Gpu(g, "", 0, "", false));
    }
    Agent outside =
        new Agent(agent, java.util.Set.of(agent), 1, 0, java.util.OptionalLong.empty(), held);
    return new Prepared(
        new Plan(full.descriptor(), full.params(), List.of(only)),
        List.of(outside),
        EngineChoice.LOCAL);
  }

  private static void checkFeasible(Plan plan, List<Agent> agents) {
    List<DescriptorProblem> problems = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PlannedStep s : plan.steps()) {
      if (s.skipped() || !seen.add(s.stepName())) {
        continue;
      }
      Optional<String> why = Feasibility.whyUnschedulable(s.id(), s.agent(), agents);
      why.ifPresent(w -> problems.add(new DescriptorProblem(s.spec().position(), w, "")));
    }
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
  }
}
