package dev.baton.core.exec.slurm;

import dev.baton.core.record.AttemptUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What Slurm's accounting kept of one finished job: where and when it ran and what its steps used
 * ({@code sacct}: TotalCPU of the job, the largest MaxRSS of its steps, the bytes its steps read
 * and wrote).
 */
record SacctJob(
    String nodes,
    @Nullable Instant submitted,
    @Nullable Instant started,
    @Nullable Instant ended,
    AttemptUsage usage) {

  /** The fields {@link #parse} reads, in this order. */
  static final String FORMAT =
      "JobID,State,TotalCPU,MaxRSS,TRESUsageInTot,TRESUsageOutTot,NodeList,Submit,Start,End";

  static List<String> command(String jobId) {
    return List.of("sacct", "--noheader", "--parsable2", "--jobs=" + jobId, "--format=" + FORMAT);
  }

  /**
   * The job's record from {@code sacct --parsable2} output; empty while accounting has not yet
   * recorded its end (the job's own line not terminal, or no step line yet).
   */
  static Optional<SacctJob> parse(String stdout, String jobId) {
    String[] job = null;
    boolean stepsEnded = false;
    long peakRss = 0;
    long read = 0;
    long written = 0;
    for (String line : stdout.split("\\R", -1)) {
      String[] f = line.split("\\|", -1);
      if (f.length < 10) {
        continue;
      }
      String id = f[0].strip();
      if (id.equals(jobId)) {
        job = f;
      } else if (id.startsWith(jobId + ".")) {
        stepsEnded |= SlurmJobEnd.isTerminal(f[1]);
        peakRss = Math.max(peakRss, bytes(f[3]));
        read += tres(f[4], "fs/disk");
        written += tres(f[5], "fs/disk");
      }
    }
    if (job == null || !SlurmJobEnd.isTerminal(job[1]) || !stepsEnded) {
      return Optional.empty();
    }
    AttemptUsage usage =
        new AttemptUsage(seconds(job[2]), peakRss, null, read, written, 0, "sacct", List.of());
    return Optional.of(
        new SacctJob(
            job[6].strip(),
            SqueueOutput.time(job[7]),
            SqueueOutput.time(job[8]),
            SqueueOutput.time(job[9]),
            usage));
  }

  /** {@code [D-][HH:]MM:SS[.mmm]}, as sacct prints CPU times; 0 for anything else. */
  static double seconds(String field) {
    String s = field.strip();
    double days = 0;
    int dash = s.indexOf('-');
    try {
      if (dash > 0) {
        days = Integer.parseInt(s.substring(0, dash));
        s = s.substring(dash + 1);
      }
      String[] parts = s.split(":", -1);
      double total = 0;
      for (String p : parts) {
        total = total * 60 + Double.parseDouble(p);
      }
      return parts.length == 0 || s.isEmpty() ? 0 : days * 86_400 + total;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@code 219792K}, {@code 1.5M}, {@code 2G}, {@code 512} (bytes); 0 when empty or unreadable. */
  static long bytes(String field) {
    String s = field.strip();
    if (s.isEmpty()) {
      return 0;
    }
    long unit =
        switch (Character.toUpperCase(s.charAt(s.length() - 1))) {
          case 'K' -> 1L << 10;
          case 'M' -> 1L << 20;
          case 'G' -> 1L << 30;
          case 'T' -> 1L << 40;
          default -> 1;
        };
    String number = unit == 1 ? s : s.substring(0, s.length() - 1);
    try {
      return Math.round(Double.parseDouble(number) * unit);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** One entry of a TRES list such as {@code cpu=00:00:00,fs/disk=51698761,mem=219792K}. */
  private static long tres(String list, String name) {
    for (String entry : list.split(",", -1)) {
      int eq = entry.indexOf('=');
      if (eq > 0 && entry.substring(0, eq).equals(name)) {
        return bytes(entry.substring(eq + 1));
      }
    }
    return 0;
  }
}
