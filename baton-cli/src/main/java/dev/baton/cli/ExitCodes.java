package dev.baton.cli;

/** The exit codes of the {@code baton} command, as documented in docs/cli.md. */
public final class ExitCodes {
  public static final int SUCCESS = 0;
  public static final int STEP_FAILED = 1;
  public static final int USAGE = 2;
  public static final int INFRASTRUCTURE = 3;
  public static final int CANCELLED = 130;

  private ExitCodes() {}
}
