package dev.baton.core.exec.slurm;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs one Slurm client command ({@code sbatch}, {@code squeue}, ...); a seam for tests. */
interface SlurmCli {

  /**
   * Runs {@code argv} and waits for it, at most {@code timeout}.
   *
   * @throws IOException when the program cannot be started (not installed)
   */
  Result run(List<String> argv, Duration timeout) throws IOException;

  /**
   * What a command printed and how it ended.
   *
   * @param exitCode its exit code; {@link #TIMED_OUT} when it was killed for running too long
   */
  record Result(int exitCode, String stdout, String stderr) {
    static final int TIMED_OUT = -1;

    boolean ok() {
      return exitCode == 0;
    }

    boolean timedOut() {
      return exitCode == TIMED_OUT;
    }

    /** The first non-blank line of stderr, else of stdout: what Slurm said went wrong. */
    String firstError() {
      for (String text : List.of(stderr, stdout)) {
        for (String line : text.split("\\R", -1)) {
          if (!line.isBlank()) {
            return line.strip();
          }
        }
      }
      return timedOut() ? "no answer" : "exit code " + exitCode;
    }
  }
}
