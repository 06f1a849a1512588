package dev.baton.core.api;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Feasibility;
import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * The before-run checks of steps that span several nodes or tasks: only a cluster executor can run
 * them, and only on a cluster with that many matching nodes.
 */
final class MultiNodeSteps {
  /** One step's request and where the step is written. */
  record Request(String id, AgentRequest request, SourcePosition position) {}

  private MultiNodeSteps() {}

  /** A local run has one machine: a step asking for more nodes or tasks is refused up front. */
  static List<DescriptorProblem> refusedLocally(List<Request> requests) {
    List<DescriptorProblem> problems = new ArrayList<>();
    for (Request r : requests) {
      AgentRequest a = r.request();
      if (a.distributed()) {
        problems.add(
            new DescriptorProblem(
                r.position(),
                "step "
                    + r.id()
                    + " asks for "
                    + a.nodes()
                    + (a.nodes() == 1 ? " node" : " nodes")
                    + " with "
                    + a.tasksPerNode()
                    + (a.tasksPerNode() == 1 ? " task" : " tasks")
                    + " each, which only the slurm executor can start; a local run"
                    + " starts one process per step",
                "run the pipeline with 'executor: slurm', or ask for 'nodes: 1' and"
                    + " 'tasksPerNode: 1' and start the processes from the step's command"));
      }
    }
    return problems;
  }

  /** A step asking for more nodes than the cluster has that could run it. */
  static List<DescriptorProblem> tooManyNodes(List<Request> requests, List<Agent> nodes) {
    List<DescriptorProblem> problems = new ArrayList<>();
    for (Request r : requests) {
      AgentRequest a = r.request();
      if (a.nodes() <= 1) {
        continue;
      }
      long fitting = nodes.stream().filter(n -> Feasibility.fits(a, n)).count();
      if (fitting < a.nodes()) {
        problems.add(
            new DescriptorProblem(
                r.position(),
                "step "
                    + r.id()
                    + " asks for "
                    + a.nodes()
                    + " nodes but the cluster has "
                    + fitting
                    + " that match its label and resources",
                "ask for at most " + fitting + " nodes, or relax the step's label"));
      }
    }
    return problems;
  }
}
