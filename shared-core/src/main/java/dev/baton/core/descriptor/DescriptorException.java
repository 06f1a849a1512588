package dev.baton.core.descriptor;

import dev.baton.core.api.BatonException;
import dev.baton.core.api.ExitCodes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** A descriptor that cannot run, with every problem found in it (never only the first). */
public final class DescriptorException extends BatonException {
  private static final long serialVersionUID = 1L;

  /** Problems the message lists at most. */
  static final int MAX_SHOWN = 100;

  private final transient List<DescriptorProblem> problems;

  /** Each problem is kept once: checks run per matrix cell or per phase can find one twice. */
  public DescriptorException(List<DescriptorProblem> problems) {
    super(describe(distinct(problems)), null);
    this.problems = distinct(problems);
  }

  private static List<DescriptorProblem> distinct(List<DescriptorProblem> problems) {
    return List.copyOf(new LinkedHashSet<>(problems));
  }

  public List<DescriptorProblem> problems() {
    return problems;
  }

  @Override
  public int exitCode() {
    return ExitCodes.USAGE;
  }

  private static String describe(List<DescriptorProblem> problems) {
    // A pasted blob can hold a hundred thousand mistakes; the first ones are what a person reads.
    String lines =
        problems.stream()
            .limit(MAX_SHOWN)
            .map(DescriptorProblem::format)
            .collect(Collectors.joining("\n"));
    if (problems.size() > MAX_SHOWN) {
      lines += "\n... and " + (problems.size() - MAX_SHOWN) + " more; fix these first";
    }
    return problems.size() == 1 ? lines : problems.size() + " problems:\n" + lines;
  }
}
