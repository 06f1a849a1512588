package dev.baton.core.errors;

/** The user asked for something that cannot work as asked: a bad option, a missing file. */
public final class UsageException extends BatonException {
  private static final long serialVersionUID = 1L;

  /** A problem whose text already says how to fix it in words every front end shares. */
  public UsageException(String message) {
    super(message, Fix.NONE, null);
  }

  public UsageException(String problem, Fix fix) {
    super(problem, fix, null);
  }
}
