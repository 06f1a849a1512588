package dev.baton.core.plan;

import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.Expression;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Template;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides a step's {@code when} at plan time where it reads nothing that ends later (params, matrix
 * values); one that reads needs or calls a status function is checked here and decided when the
 * step becomes ready. Each condition is parsed once, whatever the number of cells.
 */
final class WhenResolver {
  private final ParsedTexts parsed;
  private final List<DescriptorProblem> problems;
  private final Map<String, Expression> whens = new HashMap<>();

  WhenResolver(ParsedTexts parsed, List<DescriptorProblem> problems) {
    this.parsed = parsed;
    this.problems = problems;
  }

  /** Why the step is skipped ({@code when: X is false}); empty when it runs or is decided later. */
  String skipReason(StepSpec spec, Bindings bindings) {
    String text = spec.when().strip();
    if (text.isEmpty()) {
      return "";
    }
    Set<String> reads = parsed.reads(text, true);
    if (NeedsReferences.readsNeeds(reads) || !WhenConditions.statusFunctions(spec).isEmpty()) {
      NeedsReferences.check(
              spec, reads, bindings, spec.whenPosition(), "in 'when' of step '" + spec.name() + "'")
          .ifPresent(problems::add);
      return ""; // decided when the step becomes ready
    }
    try {
      Expression e = whens.get(text);
      if (e == null) {
        e = whenExpression(spec, text);
        if (e == null) {
          return "";
        }
        whens.put(text, e);
      }
      return e.test(bindings) ? "" : "when: " + text + " is false";
    } catch (ExpressionException ex) {
      problems.add(
          ExpressionProblems.at(
              spec.whenPosition(), ex, "in 'when' of step '" + spec.name() + "'"));
      return "";
    }
  }

  /** The expression {@code when} holds; null (and a problem) when it mixes text and ${{ }}. */
  private @Nullable Expression whenExpression(StepSpec spec, String text) {
    Expression e = Template.whole(text).orElse(null);
    if (e == null) {
      if (Template.containsExpression(text)) {
        problems.add(
            new DescriptorProblem(
                spec.whenPosition(),
                "'when' of step '" + spec.name() + "' mixes text and ${{ }}",
                "write one expression, such as ${{ params.branch == 'main' }}"));
        return null;
      }
      e = Expression.parseCondition(text);
    }
    return e;
  }
}
