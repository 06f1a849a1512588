package dev.baton.core.errors;

import org.jspecify.annotations.Nullable;

/**
 * A failure Baton explains to its user, printed without a stack trace: what is wrong ({@link
 * #problem}) and what to change ({@link #fix}). Each front end handles every subtype (its exit
 * code, its build failure) and spells the fix in its own words; a test enumerates the permitted
 * subtypes against both front ends, so a new one cannot reach a user unhandled.
 */
public abstract sealed class BatonException extends RuntimeException
    permits UsageException, InfrastructureException, DescriptorException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final transient Fix fix;

  protected BatonException(String problem, Fix fix, @Nullable Throwable cause) {
    super(join(problem, fix.render(FrontEndWords.NEUTRAL)), cause);
    this.problem = problem;
    this.fix = fix;
  }

  /** What is wrong, in words that need no front end. */
  public String problem() {
    return problem;
  }

  /** What to change; {@link Fix#NONE} when the problem already says it. */
  public Fix fix() {
    return fix == null ? Fix.NONE : fix;
  }

  /** {@code <problem>; <fix>} with the fix in {@code words}. */
  public String describe(FrontEndWords words) {
    return join(problem, fix().render(words));
  }

  private static String join(String problem, String fix) {
    return fix.isEmpty() ? problem : problem + "; " + fix;
  }
}
