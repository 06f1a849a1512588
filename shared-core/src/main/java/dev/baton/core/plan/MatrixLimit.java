package dev.baton.core.plan;

import dev.baton.core.descriptor.MatrixSpec;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import java.util.List;

/**
 * Bounds the plan before it is built: a matrix is a cross product, so three axes of a hundred
 * values each, a few lines of YAML, would be a million steps and fill the heap while planning.
 */
final class MatrixLimit {
  /** Cells one step may expand to: a sweep of 1,000 × 100 values still fits. */
  static final long MAX_CELLS = 100_000;

  /** Steps one plan may hold, matrix cells included. */
  static final long MAX_STEPS = 250_000;

  private MatrixLimit() {}

  /** Adds a problem for each step whose matrix is too large, and for a plan too large in all. */
  static void check(PipelineDescriptor d, List<DescriptorProblem> problems) {
    long total = 0;
    for (StepSpec s : d.steps().values()) {
      // A dynamic matrix's size is known only when it expands; its maxCells bounds it then.
      long cells = s.matrix().isDynamic() ? 1 : upperBound(s.matrix());
      if (cells > MAX_CELLS) {
        problems.add(
            new DescriptorProblem(
                s.position(),
                "the matrix of step '"
                    + s.name()
                    + "' has "
                    + (cells == Long.MAX_VALUE ? "billions of" : String.format("%,d", cells))
                    + " combinations, more than the "
                    + String.format("%,d", MAX_CELLS)
                    + " a step may have",
                "use fewer values per axis, or 'exclude' before the product grows"));
      }
      total = saturatedAdd(total, Math.max(1, cells));
    }
    if (total > MAX_STEPS && problems.stream().noneMatch(p -> p.message().contains("matrix"))) {
      problems.add(
          new DescriptorProblem(
              SourcePosition.of(d.file().toString()),
              "the plan would have "
                  + String.format("%,d", total)
                  + " steps, more than "
                  + String.format("%,d", MAX_STEPS),
              "split the pipeline, or use smaller matrices"));
    }
  }

  /** The cross product of the axes plus every include: the most cells the matrix can expand to. */
  private static long upperBound(MatrixSpec m) {
    long product = m.axes().isEmpty() ? 0 : 1;
    for (List<String> values : m.axes().values()) {
      product = saturatedMultiply(product, values.size());
    }
    return saturatedAdd(product, m.include().size());
  }

  static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long r = a * b;
    return high != 0 || r < 0 ? Long.MAX_VALUE : r;
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
