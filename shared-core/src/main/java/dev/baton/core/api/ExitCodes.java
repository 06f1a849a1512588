package dev.baton.core.api;

/**
 * The exit codes of docs/cli.md, left here only for {@link BatonException#exitCode()} and {@link
 * RunOutcome#exitCode()} until those go (issue 15): the command line maps outcomes and errors with
 * its own {@code dev.baton.cli.ExitCodes} and {@code ExitCodeOf}.
 */
public final class ExitCodes {
  public static final int SUCCESS = 0;
  public static final int STEP_FAILED = 1;
  public static final int USAGE = 2;
  public static final int INFRASTRUCTURE = 3;
  public static final int CANCELLED = 130;

  private ExitCodes() {}
}
