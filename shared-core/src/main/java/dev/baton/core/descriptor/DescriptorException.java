package dev.baton.core.descriptor;

import dev.baton.core.api.BatonException;
import dev.baton.core.api.ExitCodes;
import java.util.List;
import java.util.stream.Collectors;

/** A descriptor that cannot run, with every problem found in it (never only the first). */
public final class DescriptorException extends BatonException {
  private static final long serialVersionUID = 1L;

  private final transient List<DescriptorProblem> problems;

  /** Each problem is kept once: checks run per matrix cell or per phase can find one twice. */
  public DescriptorException(List<DescriptorProblem> problems) {
    super(describe(distinct(problems)), null);
    this.problems = distinct(problems);
  }

  private static List<DescriptorProblem> distinct(List<DescriptorProblem> problems) {
    return List.copyOf(new java.util.LinkedHashSet<>(problems));
  }

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
