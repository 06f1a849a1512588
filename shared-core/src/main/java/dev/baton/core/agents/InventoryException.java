package dev.baton.core.agents;

import dev.baton.core.api.BatonException;
import dev.baton.core.api.ExitCodes;
import dev.baton.core.descriptor.DescriptorProblem;
import java.util.List;
import java.util.stream.Collectors;

/** Declared agents that this machine cannot provide, with every problem found (exit 2). */
public final class InventoryException extends BatonException {
  private static final long serialVersionUID = 1L;

  private final transient List<DescriptorProblem> problems;

  public InventoryException(List<DescriptorProblem> problems) {
    super(describe(problems), null);
    this.problems = List.copyOf(problems);
  }

  /** Each problem, positioned at the agent that caused it. */
  public List<DescriptorProblem> problems() {
    return problems;
  }

  @Override
  public int exitCode() {
    return ExitCodes.USAGE;
  }

  private static String describe(List<DescriptorProblem> problems) {
    String lines =
        problems.stream().map(DescriptorProblem::format).collect(Collectors.joining("\n"));
    return problems.size() == 1 ? lines : problems.size() + " problems:\n" + lines;
  }
}
