package dev.baton.core.stages;

/** A stage could not judge its step (a missing metrics file, bad JSON); fails the step. */
public final class StageException extends RuntimeException {
  private final String problem;
  private final String hint;

  public StageException(String problem, String hint) {
    super(problem);
    this.problem = problem;
    this.hint = hint;
  }

  /** What is wrong, never null. */
  @Override
  public String getMessage() {
    return problem;
  }

  /** How to fix it. */
  public String hint() {
    return hint;
  }

  /** "<what is wrong>; <how to fix it>". */
  public String userMessage() {
    return hint.isEmpty() ? getMessage() : getMessage() + "; " + hint;
  }
}
