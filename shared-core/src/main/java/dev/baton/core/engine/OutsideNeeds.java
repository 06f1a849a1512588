package dev.baton.core.engine;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.expr.StatusFunction;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import java.util.Collection;
import java.util.Map;

/**
 * Resolves the fields of a step that read {@code needs.*} from needs that ran elsewhere (the
 * Jenkins library runs each step in its own Baton and hands over the needs' run records), before
 * the step runs on its own.
 */
public final class OutsideNeeds {
  private OutsideNeeds() {}

  /** How the step came out: resolved (maybe ruled out by its {@code when}), or refused. */
  public sealed interface Resolved {}

  /** The step, its late fields written into it so the engine finds nothing left to resolve. */
  public record Ready(PlannedStep step) implements Resolved {}

  /** The fields could not be resolved: the step fails with the message. */
  public record Refused(String message) implements Resolved {}

  /**
   * Resolves {@code step}'s late fields with {@code needs} as {@code needs.*}; its status functions
   * read {@code above}, the results ({@code success}, {@code failure}, ...) of the steps it needs
   * directly or not, and {@code cancelled}, whether the run it belongs to was stopped.
   */
  public static Resolved resolve(
      Plan plan,
      PlannedStep step,
      Map<String, Object> needs,
      Collection<String> above,
      boolean cancelled) {
    LateFields.Outcome o =
        new LateFields(plan.params()).resolve(step, () -> needs, f -> holds(f, above, cancelled));
    if (o instanceof LateFields.Refused refused) {
      return new Refused(refused.message());
    }
    if (o instanceof LateFields.Skip skip) {
      return new Ready(settled(step, step.command(), step.env(), skip.reason()));
    }
    PlannedStep ready = ((LateFields.Ready) o).step();
    // The stage as resolved too: its commands rendered, its gates holding the needs' values.
    return new Ready(settled(ready, ready.command(), ready.env(), step.skipReason()));
  }

  /**
   * The value of status function {@code f}, as the engine decides it: from the results of every
   * step above that was handed over, and whether the run was stopped.
   */
  private static boolean holds(StatusFunction f, Collection<String> above, boolean cancelled) {
    return switch (f) {
      case SUCCESS -> above.stream().allMatch("success"::equals);
      case FAILURE -> above.stream().anyMatch("failure"::equals);
      case CANCELLED -> cancelled;
      case ALWAYS -> true;
    };
  }

  /** {@code step} with its command and env as resolved, written into its spec too. */
  private static PlannedStep settled(
      PlannedStep step, Command command, Map<String, String> env, String skip) {
    StepSpec s = step.spec();
    StepSpec spec = s.resolvedAs(command);
    return new PlannedStep(
        step.id(),
        spec,
        step.matrix(),
        command,
        step.needs(),
        env,
        step.workdir(),
        step.timeout(),
        step.retry(),
        step.agent(),
        step.concurrency(),
        skip);
  }
}
