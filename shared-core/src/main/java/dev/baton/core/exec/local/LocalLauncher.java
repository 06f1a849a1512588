package dev.baton.core.exec.local;

import dev.baton.core.errors.UsageException;
import java.util.Locale;

/**
 * How the local executor starts a step's process. Chosen with the Java system property {@code
 * baton.launcher} (which every front end passes through from the JVM); each falls back to the next
 * where it cannot work.
 */
public enum LocalLauncher {
  /**
   * {@code posix_spawn} of {@code /bin/sh} into a new session, through JNA: one exec per step, and
   * the shell records the step's exit code as it ends, for a resume. Linux (glibc 2.34+) only.
   */
  SPAWN,
  /**
   * A job-control {@code bash} per run forks each step as a process group and waits for it,
   * recording the exit code when Baton is gone; about five times the start-up cost of {@link
   * #SPAWN}.
   */
  JOB_SHELL,
  /**
   * {@link ProcessBuilder} running {@code setsid prog}: two execs per step, and a step that ends
   * while Baton is down is run again on a resume.
   */
  SETSID;

  /** The launcher the system property {@code baton.launcher} names, {@link #SPAWN} by default. */
  public static LocalLauncher configured() {
    String name = System.getProperty("baton.launcher", "spawn");
    return switch (name.toLowerCase(Locale.ROOT).replace("-", "")) {
      case "spawn" -> SPAWN;
      case "jobshell" -> JOB_SHELL;
      case "setsid" -> SETSID;
      default ->
          throw new UsageException(
              "unknown launcher '"
                  + name
                  + "' in the Java system property baton.launcher; use spawn,"
                  + " job-shell or setsid");
    };
  }

  /** This launcher, or the one it falls back to where it cannot work on this machine. */
  LocalLauncher orFallback() {
    if (this == SPAWN && !NativeSpawn.available()) {
      return JOB_SHELL;
    }
    return this;
  }
}
