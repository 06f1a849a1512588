package dev.baton.core.api;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.errors.BatonException;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.history.ModelAliasContext;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the descriptor a config names and plans it. Each phase runs on what the one before could
 * read, so one {@code baton check} reports the mistakes of every phase together: a type error, an
 * unknown name in an expression and an impossible label come out in one pass.
 */
final class Planning {
  private Planning() {}

  static Plan plan(BatonConfig config) {
    return plan(config, System.getenv());
  }

  /** The plan, with {@code models.*} read from the run history {@code env} names. */
  static Plan plan(BatonConfig config, Map<String, String> env) {
    Attempt attempt = attempt(config, env);
    attempt.throwIfProblems();
    return attempt.plan().orElseThrow();
  }

  /**
   * What reading and planning got to, and every problem on the way. {@code descriptor} is empty
   * only when the file could not be read as a mapping; {@code plan} is empty when planning failed.
   */
  record Attempt(
      Optional<PipelineDescriptor> descriptor,
      Optional<Plan> plan,
      List<DescriptorProblem> problems) {

    void throwIfProblems() {
      if (!problems.isEmpty()) {
        throw new DescriptorException(problems);
      }
    }
  }

  static Attempt attempt(BatonConfig config, Map<String, String> env) {
    List<DescriptorProblem> problems = new ArrayList<>();
    Optional<PipelineDescriptor> d = DescriptorReader.read(config.file(), problems);
    Optional<Plan> plan = Optional.empty();
    if (d.isPresent()) {
      try {
        plan =
            Optional.of(
                Planner.plan(
                    d.get(),
                    config.params(),
                    config.only(),
                    config.kinds(),
                    ModelAliasContext.of(d.get().workspace(), env)));
      } catch (DescriptorException e) {
        problems.addAll(e.problems());
      } catch (BatonException e) {
        // Another kind of failure (a choice of steps that names none) may come from a step the
        // reader had to leave out: the descriptor's own problems come first.
        if (problems.isEmpty()) {
          throw e;
        }
      }
    }
    return new Attempt(d, plan, List.copyOf(problems));
  }
}
