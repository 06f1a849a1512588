package dev.baton.core.exec.slurm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The one {@code squeue} call that reads the state of every followed job, and its output. */
final class SqueueOutput {
  private SqueueOutput() {}

  /**
   * A job's state and, once it has ended, its raw wait status ({@code 768} for exit 3, {@code 15}
   * for SIGTERM), the nodes it ran on and Slurm's times for it (to the second; null where squeue
   * has none yet, such as the start of a pending job).
   */
  record Row(
      String jobId,
      String state,
      int waitStatus,
      String nodes,
      @Nullable Instant submitted,
      @Nullable Instant started,
      @Nullable Instant ended) {}

  /**
   * {@code squeue} for {@code jobIds} in every state: finished jobs stay listed for MinJobAge, and
   * the {@code exit_code} field carries the exit status, so no accounting is needed. Fields are
   * separated by {@code |} ({@code Field:|}), so an empty node list keeps the columns in place.
   */
  static List<String> command(List<String> jobIds) {
    return List.of(
        "squeue",
        "--noheader",
        "--states=all",
        "--jobs=" + String.join(",", jobIds),
        "--Format=JobID:|,State:|,exit_code:|,NodeList:|,SubmitTime:|,StartTime:|,EndTime:");
  }

  static Map<String, Row> parse(String stdout) {
    Map<String, Row> rows = new HashMap<>();
    for (String line : stdout.split("\\R", -1)) {
      String[] f = line.split("\\|", -1);
      String id = f[0].strip();
      if (f.length < 2 || id.isEmpty()) {
        continue;
      }
      int status = 0;
      if (f.length > 2) {
        try {
          status = Integer.parseInt(f[2].strip());
        } catch (NumberFormatException e) {
          status = 0;
        }
      }
      rows.put(
          id,
          new Row(
              id,
              f[1].strip(),
              status,
              f.length > 3 ? f[3].strip() : "",
              f.length > 4 ? time(f[4]) : null,
              f.length > 5 ? time(f[5]) : null,
              f.length > 6 ? time(f[6]) : null));
    }
    return rows;
  }

  /**
   * Slurm's {@code 2026-12-07T05:20:59} in the local time zone (as squeue and sacct print it); null
   * for {@code N/A}, {@code Unknown}, {@code None} or anything else that is not a time.
   */
  static @Nullable Instant time(String field) {
    String s = field.strip();
    if (s.length() != 19 || s.charAt(10) != 'T') {
      return null;
    }
    try {
      return LocalDateTime.parse(s).atZone(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** squeue fails as a whole when none of the asked jobs is known any more. */
  static boolean allUnknown(SlurmCli.Result result) {
    return result.stderr().contains("Invalid job id");
  }
}
