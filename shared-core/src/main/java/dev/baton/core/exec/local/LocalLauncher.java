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
   * {@link #SPAWN}, but a step whose shell text can be handed over as such starts in a {@link
   * ReadyShells ready shell}, spawned ahead of need off the engine's thread: the step waits for no
   * spawn or exec of the shell. Steps that pass lease descriptors on, or whose environment a shell
   * cannot set exactly, start as under {@link #SPAWN}.
   */
  READY_SHELLS,
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

  /**
   * The launcher the system property {@code baton.launcher} names, {@link #READY_SHELLS} by default
   * ({@code spawn} switches ready shells off).
   */
  public static LocalLauncher configured() {
    String name = System.getProperty("baton.launcher", "ready-shells");
    return switch (name.toLowerCase(Locale.ROOT).replace("-", "")) {
      case "readyshells" -> READY_SHELLS;
      case "spawn" -> SPAWN;
      case "jobshell" -> JOB_SHELL;
      case "setsid" -> SETSID;
      default ->
          throw new UsageException(
              "unknown launcher '"
                  + name
                  + "' in the Java system property baton.launcher; use ready-shells, spawn,"
                  + " job-shell or setsid");
    };
  }

  /** This launcher, or the one it falls back to where it cannot work on this machine. */
  LocalLauncher orFallback() {
    if ((this == SPAWN || this == READY_SHELLS) && !NativeSpawn.available()) {
      return JOB_SHELL;
    }
    return this;
  }
}
