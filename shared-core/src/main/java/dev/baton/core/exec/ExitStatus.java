package dev.baton.core.exec;

/**
 * How an attempt's process ended.
 *
 * @param exitCode the exit code, 128+N when killed by signal N, or -1 when it never started
 * @param launchError why it could not start (a missing program), empty when it started
 */
public record ExitStatus(int exitCode, String launchError) {

  public static ExitStatus exited(int code) {
    return new ExitStatus(code, "");
  }

  public static ExitStatus couldNotLaunch(String why) {
    return new ExitStatus(-1, why);
  }

  public boolean launched() {
    return launchError.isEmpty();
  }

  public boolean success() {
    return launched() && exitCode == 0;
  }
}
