package dev.baton.core.plan;

import dev.baton.core.descriptor.Command;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.expr.Quoting;
import dev.baton.core.expr.Template;
import java.util.ArrayList;
import java.util.List;

/** The located problems of expressions in a step's commands, all of them at once. */
final class ExpressionProblems {
  private ExpressionProblems() {}

  /**
   * Each substitution of {@code c} that fails, not only {@code first}: one check names them all.
   */
  static List<ExpressionException> every(Command c, Bindings bindings, ExpressionException first) {
    List<ExpressionException> all = new ArrayList<>();
    try {
      if (c instanceof Command.Shell shell) {
        all.addAll(Template.parse(shell.script()).problems(bindings, Quoting.SHELL));
      } else {
        for (String arg : ((Command.Argv) c).args()) {
          all.addAll(Template.parse(arg).problems(bindings, Quoting.NONE));
        }
      }
    } catch (ExpressionException unparsable) {
      return List.of(first);
    }
    return all.isEmpty() ? List.of(first) : all;
  }

  static DescriptorProblem at(SourcePosition base, ExpressionException ex, String where) {
    return new DescriptorProblem(
        base.shiftColumns(ex.offset()), ex.problem() + " " + where, ex.hint());
  }
}
