package dev.baton.core.exec.slurm;

import dev.baton.core.exec.ExitStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settles a Slurm job a killed Baton left behind when its run is resumed: Slurm itself kept the
 * job's end, so a job that ended while Baton was down is taken as it ended; one still queued or
 * running is cancelled, to run again.
 */
public final class LeftSlurmJobs {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** What became of the job. */
  public record Settled(Optional<ExitStatus> exit, boolean wasRunning, String why) {}

  private LeftSlurmJobs() {}

  /**
   * Cancels the allocations a killed Baton left for the run whose report directory is {@code
   * reportDir} (their steps end with them) and returns their ids: an attempt whose job id is one of
   * them ran inside it and, without an exit file, runs again.
   */
  public static Set<String> releaseAllocations(Path reportDir) {
    return releaseAllocations(new ProcessSlurmCli(), reportDir);
  }

  static Set<String> releaseAllocations(SlurmCli cli, Path reportDir) {
    Path record = reportDir.resolve("logs").resolve("slurm").resolve(Allocations.RECORD);
    Set<String> ids = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
        if (line.strip().matches("\\d+")) {
          ids.add(line.strip());
        }
      }
    } catch (IOException e) {
      return Set.of(); // no allocation was made (job mode), or the file is gone
    }
    SlurmCancel.cancelAndWait(cli, ids, TIMEOUT);
    return ids;
  }

  public static Settled settle(String jobId) {
    return settle(new ProcessSlurmCli(), jobId);
  }

  static Settled settle(SlurmCli cli, String jobId) {
    try {
      SlurmCli.Result queue = cli.run(SqueueOutput.command(List.of(jobId)), TIMEOUT);
      Map<String, SqueueOutput.Row> rows =
          queue.ok() ? SqueueOutput.parse(queue.stdout()) : Map.of();
      SqueueOutput.Row row = rows.get(jobId);
      Optional<SlurmJobEnd> end =
          row != null && SlurmJobEnd.isTerminal(row.state())
              ? Optional.of(SlurmJobEnd.fromWaitStatus(row.state(), row.waitStatus()))
              : row == null ? SacctLookup.find(cli, jobId) : Optional.empty();
      if (end.isPresent()) {
        return new Settled(end.get().exitStatus(), false, end.get().lostReason());
      }
      if (row != null) {
        cli.run(List.of("scancel", jobId), TIMEOUT);
        return new Settled(Optional.empty(), true, "still " + row.state());
      }
      return new Settled(Optional.empty(), false, "Slurm no longer knows job " + jobId);
    } catch (IOException e) {
      return new Settled(Optional.empty(), false, "Slurm could not be asked: " + e.getMessage());
    }
  }
}
