package dev.baton.core.plan;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.DidYouMean;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.Expression;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Template;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code needs.<step>.outputs.<name>}, {@code needs.<step>.result} and {@code
 * needs.<step>.cells} a step's {@code run}, {@code env} and {@code when} read. Those values exist
 * only when the needs have ended, so a field that reads them is left as written at plan time and
 * resolved when the step becomes ready; the planner only checks that each names a step the step
 * needs and a field a need has.
 */
public final class NeedsReferences {
  public static final String ROOT = "needs";
  static final List<String> FIELDS = List.of("outputs", "result", "cells");

  private NeedsReferences() {}

  /** The names {@code text}, a template or a bare {@code when} expression, reads; empty if none. */
  public static Set<String> of(String text, boolean whole) {
    try {
      if (whole && !Template.containsExpression(text)) {
        return text.isBlank() ? Set.of() : Expression.parseCondition(text).references();
      }
      return whole ? Template.parseCondition(text).references() : Template.parse(text).references();
    } catch (ExpressionException e) {
      return Set.of(); // reported where the field is rendered
    }
  }

  /** Whether any of {@code names} reads {@code needs.*}. */
  public static boolean readsNeeds(Set<String> names) {
    return names.stream().anyMatch(n -> n.equals(ROOT) || n.startsWith(ROOT + "."));
  }

  /** Every name of {@code command} that any of its words reads. */
  public static Set<String> of(Command command) {
    Set<String> names = new LinkedHashSet<>();
    if (command instanceof Command.Shell shell) {
      names.addAll(of(shell.script(), false));
    } else {
      ((Command.Argv) command).args().forEach(a -> names.addAll(of(a, false)));
    }
    return names;
  }

  /**
   * The first {@code needs.*} name of {@code names} that does not name a step {@code spec} needs or
   * a field a need has, as a problem at {@code at}.
   */
  public static Optional<DescriptorProblem> check(
      StepSpec spec, Set<String> names, SourcePosition at, String where) {
    return check(spec, names, null, at, where);
  }

  /**
   * Like {@link #check(StepSpec, Set, SourcePosition, String)}, and also checks that the other
   * names exist in {@code known} (the plan-time values), so a typo in a late field is found before
   * anything runs, not when the step becomes ready.
   */
  public static Optional<DescriptorProblem> check(
      StepSpec spec, Set<String> names, @Nullable Bindings known, SourcePosition at, String where) {
    for (String name : names) {
      if (!name.equals(ROOT) && !name.startsWith(ROOT + ".")) {
        if (known != null
            && known.lookup(List.of(name.split("\\."))).isEmpty()
            && !known.names().contains(name)) {
          return Optional.of(
              new DescriptorProblem(
                  at,
                  "unknown name '" + name + "' " + where,
                  DidYouMean.hint(name, known.names())));
        }
        continue;
      }
      String[] parts = name.split("\\.", -1);
      if (parts.length < 3) {
        return Optional.of(
            new DescriptorProblem(
                at,
                "'" + name + "' " + where + " names no value",
                "write needs.<step>.outputs.<name>, needs.<step>.result or needs.<step>.cells"));
      }
      if (!spec.needs().contains(parts[1])) {
        return Optional.of(
            new DescriptorProblem(
                at,
                "'"
                    + name
                    + "' "
                    + where
                    + " reads step '"
                    + parts[1]
                    + "', which step '"
                    + spec.name()
                    + "' does not need",
                DidYouMean.suggest(parts[1], spec.needs())
                    .map(s -> "did you mean needs." + s + "?")
                    .orElse("add '" + parts[1] + "' to the step's needs")));
      }
      if (!FIELDS.contains(parts[2])) {
        return Optional.of(
            new DescriptorProblem(
                at,
                "'" + name + "' " + where + " reads '" + parts[2] + "', which a need does not have",
                DidYouMean.suggest(parts[2], FIELDS)
                    .map(s -> "did you mean needs." + parts[1] + "." + s + "?")
                    .orElse("read needs." + parts[1] + ".outputs.<name>, .result or .cells")));
      }
    }
    return Optional.empty();
  }
}
