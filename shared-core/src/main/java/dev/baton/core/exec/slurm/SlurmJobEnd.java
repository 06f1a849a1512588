package dev.baton.core.exec.slurm;

import dev.baton.core.exec.ExitStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a Slurm job ended, read from {@code squeue}, {@code scontrol} or {@code sacct}, and what that
 * means for Baton: the same exit codes a local run gives (128+N for signal N), or a lost attempt
 * when the job died for reasons outside the step (a node failure, a preemption).
 *
 * @param state the job's base state, such as {@code COMPLETED} or {@code TIMEOUT}
 * @param exitCode the script's exit code (0 when it was killed by a signal)
 * @param signal the signal that killed it, 0 when none
 */
record SlurmJobEnd(String state, int exitCode, int signal) {
  /**
   * States after which a job never runs again; {@code COMPLETING} is not one: it is still dying.
   */
  static final Set<String> TERMINAL =
      Set.of(
          "COMPLETED",
          "FAILED",
          "CANCELLED",
          "TIMEOUT",
          "OUT_OF_MEMORY",
          "DEADLINE",
          "NODE_FAIL",
          "BOOT_FAIL",
          "PREEMPTED",
          "REVOKED",
          "SPECIAL_EXIT");

  private static final int SIGKILL = 9;
  private static final int SIGTERM = 15;

  /**
   * The base state of what Slurm printed: {@code CANCELLED by 0} and {@code CANCELLED+} read as
   * {@code CANCELLED}.
   */
  static String baseState(String printed) {
    String s = printed.strip().toUpperCase(Locale.ROOT);
    int cut = s.length();
    for (char c : new char[] {' ', '+', '('}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return s.substring(0, cut);
  }

  static boolean isTerminal(String printed) {
    return TERMINAL.contains(baseState(printed));
  }

  /**
   * From squeue's {@code exit_code} field, which is the raw wait status ({@code 768} is exit 3).
   */
  static SlurmJobEnd fromWaitStatus(String state, int status) {
    return new SlurmJobEnd(baseState(state), (status >> 8) & 0xff, status & 0x7f);
  }

  /** From scontrol's and sacct's {@code ExitCode=N:S}. */
  static SlurmJobEnd fromExitCode(String state, String exitCode) {
    String[] parts = exitCode.strip().split(":", -1);
    int code = parts.length > 0 ? parseOrZero(parts[0]) : 0;
    int signal = parts.length > 1 ? parseOrZero(parts[1]) : 0;
    return new SlurmJobEnd(baseState(state), code, signal);
  }

  /**
   * The exit status a local run would have had; empty when the attempt was lost (see {@link
   * #lostReason}).
   */
  Optional<ExitStatus> exitStatus() {
    return switch (state) {
      case "COMPLETED" -> Optional.of(ExitStatus.exited(signal > 0 ? 128 + signal : exitCode));
      case "FAILED" ->
          // A failed job with neither code nor signal could not start its script at all.
          Optional.of(ExitStatus.exited(signal > 0 ? 128 + signal : exitCode != 0 ? exitCode : 1));
      case "CANCELLED" ->
          // Cancelled before it ran: as if it had been sent TERM, never a success.
          Optional.of(ExitStatus.exited(killedBy(SIGTERM)));
      case "TIMEOUT", "DEADLINE" ->
          // Slurm sends TERM, then KILL after KillWait; a local timeout ends the same way.
          Optional.of(ExitStatus.exited(killedBy(SIGKILL)));
      case "OUT_OF_MEMORY" -> Optional.of(ExitStatus.exited(128 + SIGKILL));
      default -> Optional.empty();
    };
  }

  /** Why an attempt that has no exit status was lost, in words for the run record. */
  String lostReason() {
    return switch (state) {
      case "NODE_FAIL" -> "its node failed";
      case "BOOT_FAIL" -> "its node failed to boot";
      case "PREEMPTED" -> "it was preempted by a higher-priority job";
      default -> "it ended in state " + state;
    };
  }

  private int killedBy(int fallbackSignal) {
    if (signal > 0) {
      return 128 + signal;
    }
    return exitCode != 0 ? exitCode : 128 + fallbackSignal;
  }

  private static int parseOrZero(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
