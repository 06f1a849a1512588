package dev.baton.core.api;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.AgentInventory;
import dev.baton.core.agents.Feasibility;
import dev.baton.core.agents.Gpu;
import dev.baton.core.agents.GpuDetection;
import dev.baton.core.agents.MachineFacts;
import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.AgentSpec;
import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.Fix;
import dev.baton.core.errors.Setting;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.errors.UsageException;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.exec.slurm.SlurmExecutor;
import dev.baton.core.exec.slurm.SlurmInventory;
import dev.baton.core.exec.slurm.SlurmSettings;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A config turned into what a run needs, with every check that can happen before anything runs: the
 * plan, the agents, and whether each step could ever be placed on one of them.
 */
record Prepared(Plan plan, List<Agent> agents, EngineChoice executor) {

  static Prepared of(BatonConfig config, Map<String, String> env, EventSink events) {
    Planning.Attempt attempt = Planning.attempt(config, env);
    if (attempt.descriptor().isEmpty()) {
      attempt.throwIfProblems();
    }
    PipelineDescriptor d = attempt.descriptor().orElseThrow();
    String engine = config.executor().isEmpty() ? d.executor() : config.executor();
    if (engine.equals("slurm")) {
      attempt.throwIfProblems();
      Plan plan = attempt.plan().orElseThrow();
      List<Agent> nodes = SlurmInventory.read();
      List<DescriptorProblem> slurmProblems = new ArrayList<>(unschedulable(attempt, nodes));
      if (slurmProblems.isEmpty()) {
        slurmProblems.addAll(MultiNodeSteps.tooManyNodes(requestsFor(attempt), nodes));
      }
      throwIfAny(slurmProblems);
      SlurmSettings settings = SlurmOptions.settings(d.slurm(), config.executorOptions());
      return new Prepared(
          plan,
          nodes,
          new EngineChoice(
              "slurm",
              false,
              () -> new SlurmExecutor(settings, plan.pipeline(), nodes, plan.steps())));
    }
    if (!engine.isEmpty() && !engine.equals("local")) {
      throw new UsageException("unknown executor '" + engine + "'; use local or slurm");
    }
    // Agents are checked even when the descriptor has mistakes: one pass names them all.
    List<DescriptorProblem> problems = new ArrayList<>(attempt.problems());
    List<AgentSpec> declared = d.agents();
    if (config.agentsFile().isPresent()) {
      try {
        declared = DescriptorReader.readAgentsFile(config.agentsFile().get());
      } catch (DescriptorException e) {
        problems.addAll(e.problems());
        throwIfAny(problems);
      }
    }
    boolean wantsGpus = requests(attempt).stream().anyMatch(s -> s.request().gpus() > 0);
    MachineFacts machine = MachineFacts.detect(env);
    GpuDetection gpus = machine.gpus();
    if (!gpus.problem().isEmpty()
        && (wantsGpus || declared.stream().anyMatch(a -> !a.simulated() && !a.gpus().isEmpty()))) {
      events.accept(new RunEvent.Notice(RunEvent.Level.WARNING, gpus.problem()));
    }
    List<Agent> agents = AgentInventory.build(declared, machine, config.parallel());
    problems.addAll(unschedulable(attempt, agents));
    problems.addAll(MultiNodeSteps.refusedLocally(requestsFor(attempt)));
    throwIfAny(problems);
    return new Prepared(attempt.plan().orElseThrow(), agents, EngineChoice.LOCAL);
  }

  /** One step on one outside agent with the given GPUs: the outside engine already placed it. */
  static Prepared single(BatonConfig config, String stepId, String agent, List<Integer> gpus) {
    Plan full = Planning.plan(config.toBuilder().only(Set.of(stepId)).build());
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
    return single(full, s, agent, gpus);
  }

  /** Step {@code s} of plan {@code full} on one outside agent with the given GPUs. */
  static Prepared single(Plan full, PlannedStep s, String agent, List<Integer> gpus) {
    String stepId = s.id();
    if (new HashSet<>(gpus).size() != gpus.size()) {
      throw new UsageException(
          "GPUs " + gpus + " name a GPU twice",
          Fix.of("give each locked GPU index once in ", Setting.LOCKED_GPUS));
    }
    if (s.agent().gpus() > gpus.size()) {
      throw new UsageException(
          "step "
              + stepId
              + " needs "
              + s.agent().gpus()
              + " GPUs but "
              + gpus.size()
              + (gpus.size() == 1 ? " is" : " are")
              + " given",
          Fix.of("lock as many GPUs as the step asks for and name them in ", Setting.LOCKED_GPUS));
    }
    AgentRequest placed =
        new AgentRequest("", gpus.size(), OptionalLong.empty(), "", 0, OptionalLong.empty());
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
            Optional.empty(),
            s.skipReason());
    List<Gpu> held = new ArrayList<>();
    for (int g : gpus) {
      held.add(new Gpu(g, "", 0, "", false));
    }
    Agent outside = new Agent(agent, Set.of(agent), 1, 0, OptionalLong.empty(), held);
    return new Prepared(
        new Plan(full.descriptor(), full.params(), List.of(only)),
        List.of(outside),
        EngineChoice.LOCAL);
  }

  /** This with {@code other} as the plan (the same steps, and more). */
  Prepared withPlan(Plan other) {
    return new Prepared(other, agents, executor);
  }

  /** What one step asks of its agent, and where the step is written. */
  private record Request(String id, AgentRequest request, SourcePosition position) {}

  private static List<MultiNodeSteps.Request> requestsFor(Planning.Attempt attempt) {
    return requests(attempt).stream()
        .map(r -> new MultiNodeSteps.Request(r.id(), r.request(), r.position()))
        .toList();
  }

  /**
   * One request per step that will run: from the plan, or, when planning failed, from the
   * descriptor (steps with a {@code when} left out, as they may turn out skipped).
   */
  private static List<Request> requests(Planning.Attempt attempt) {
    List<Request> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (attempt.plan().isPresent()) {
      for (PlannedStep s : attempt.plan().get().steps()) {
        if (!s.skipped() && seen.add(s.stepName())) {
          out.add(new Request(s.id(), s.agent(), s.spec().position()));
        }
      }
      return out;
    }
    for (StepSpec s : attempt.descriptor().orElseThrow().steps().values()) {
      if (s.when().isEmpty()) {
        out.add(new Request(s.name(), s.agent(), s.position()));
      }
    }
    return out;
  }

  private static List<DescriptorProblem> unschedulable(
      Planning.Attempt attempt, List<Agent> agents) {
    List<DescriptorProblem> problems = new ArrayList<>();
    for (Request r : requests(attempt)) {
      Feasibility.whyUnschedulable(r.id(), r.request(), agents)
          .ifPresent(w -> problems.add(new DescriptorProblem(r.position(), w, "")));
    }
    return problems;
  }

  private static void throwIfAny(List<DescriptorProblem> problems) {
    if (!problems.isEmpty()) {
      throw new DescriptorException(problems);
    }
  }
}
