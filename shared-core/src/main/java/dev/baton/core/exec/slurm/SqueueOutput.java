package dev.baton.core.exec.slurm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The one {@code squeue} call that reads the state of every followed job, and its output. */
final class SqueueOutput {
  private SqueueOutput() {}

  /**
   * A job's state and, once it has ended, its raw wait status ({@code 768} for exit 3, {@code 15}
   * for SIGTERM).
   */
  record Row(String jobId, String state, int waitStatus) {}

  /**
   * {@code squeue} for {@code jobIds} in every state: finished jobs stay listed for MinJobAge, and
   * the {@code exit_code} field carries the exit status, so no accounting is needed.
   */
  static List<String> command(List<String> jobIds) {
    return List.of(
        "squeue",
        "--noheader",
        "--states=all",
        "--jobs=" + String.join(",", jobIds),
        "--Format=JobID:40,State:30,exit_code:20");
  }

  static Map<String, Row> parse(String stdout) {
    Map<String, Row> rows = new HashMap<>();
    for (String line : stdout.split("\\R", -1)) {
      String[] f = line.strip().split("\\s+", -1);
      if (f.length < 2 || f[0].isEmpty()) {
        continue;
      }
      int status = 0;
      if (f.length > 2) {
        try {
          status = Integer.parseInt(f[2]);
        } catch (NumberFormatException e) {
          status = 0;
        }
      }
      rows.put(f[0], new Row(f[0], f[1], status));
    }
    return rows;
  }

  /** squeue fails as a whole when none of the asked jobs is known any more. */
  static boolean allUnknown(SlurmCli.Result result) {
    return result.stderr().contains("Invalid job id");
  }
}
