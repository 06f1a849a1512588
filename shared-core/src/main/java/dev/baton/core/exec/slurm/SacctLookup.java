package dev.baton.core.exec.slurm;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks Slurm's accounting how a job ended, for jobs the controller has already forgotten. Clusters
 * without slurmdbd answer nothing, which the caller reports.
 */
final class SacctLookup {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private SacctLookup() {}

  static Optional<SlurmJobEnd> find(SlurmCli cli, String jobId) {
    SlurmCli.Result result;
    try {
      result =
          cli.run(
              List.of(
                  "sacct",
                  "--noheader",
                  "--parsable2",
                  "--allocations",
                  "--jobs=" + jobId,
                  "--format=JobID,State,ExitCode"),
              TIMEOUT);
    } catch (IOException e) {
      return Optional.empty();
    }
    return result.ok() ? parse(result.stdout(), jobId) : Optional.empty();
  }

  /** {@code 123|CANCELLED by 0|0:15}: the line of the job itself, if it has ended. */
  static Optional<SlurmJobEnd> parse(String stdout, String jobId) {
    for (String line : stdout.split("\\R", -1)) {
      String[] f = line.split("\\|", -1);
      if (f.length >= 3 && f[0].strip().equals(jobId) && SlurmJobEnd.isTerminal(f[1])) {
        return Optional.of(SlurmJobEnd.fromExitCode(f[1], f[2]));
      }
    }
    return Optional.empty();
  }
}
