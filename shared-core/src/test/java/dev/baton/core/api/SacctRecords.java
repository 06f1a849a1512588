package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.SlurmAttempt;
import dev.baton.core.record.StepRecord;
import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * What Slurm's own accounting ({@code sacct}, slurmdbd) kept of a run's jobs, and the checks that
 * hold it against run.json: every attempt's job is there on the node run.json names, and no node
 * ever had more GPUs allocated at once than it has. Slurm's times are whole seconds, so intervals
 * are compared half-open: a job that ended in the second the next one started does not overlap it.
 */
final class SacctRecords {
  /** One job (its allocation line, {@code -X}) as sacct has it. */
  record Job(String id, String state, String node, int gpus, long start, long end) {}

  private final Map<String, Job> jobs;

  private SacctRecords(Map<String, Job> jobs) {
    this.jobs = jobs;
  }

  /** Skips (fails under CI) where the cluster keeps no accounting. */
  static void requireAccounting() {
    RequiredTool.require(
        run("sacctmgr", "-n", "-P", "show", "cluster", "format=cluster").strip().length() > 0,
        "the Slurm test cluster keeps no accounting (slurmdbd); restart it with"
            + " src-it/slurm/start-cluster.sh, which starts MariaDB and slurmdbd");
  }

  /** The jobs of {@code outcome}'s attempts, once accounting has recorded each one's end. */
  static SacctRecords of(RunOutcome outcome) throws InterruptedException {
    Set<String> ids = new LinkedHashSet<>();
    for (StepRecord s : outcome.record().steps()) {
      for (AttemptRecord a : s.attempts()) {
        if (a.slurm() != null) {
          ids.add(a.slurm().jobId());
        }
      }
    }
    assertThat(ids).as("Slurm jobs in run.json").isNotEmpty();
    Map<String, Job> jobs = Map.of();
    for (int look = 0; look < 50; look++) {
      jobs = read(ids);
      if (jobs.keySet().containsAll(ids)
          && jobs.values().stream().allMatch(j -> j.end() >= j.start() && j.end() > 0)) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(jobs.keySet()).as("jobs sacct recorded as ended").containsAll(ids);
    return new SacctRecords(jobs);
  }

  Job job(String id) {
    return jobs.get(id);
  }

  /**
   * Each attempt's job in sacct: on run.json's node, ended, and (where the attempt was its own job)
   * holding the GPUs the step asked for; in allocation mode the allocation held the whole node's
   * GPUs from before the attempt started to after it ended.
   */
  void matches(
      RunOutcome outcome, boolean allocation, int nodeGpus, ToIntFunction<String> askedGpus) {
    for (StepRecord s : outcome.record().steps()) {
      for (AttemptRecord a : s.attempts()) {
        SlurmAttempt where = a.slurm();
        assertThat(where).as("slurm block of " + s.id()).isNotNull();
        Job job = jobs.get(where.jobId());
        assertThat(job.node()).as("node of " + s.id()).isEqualTo(where.node());
        if (allocation) {
          // Baton releases an allocation with scancel once the run no longer needs it.
          assertThat(job.state()).as("state of " + job.id()).isIn("COMPLETED", "CANCELLED");
          assertThat(job.gpus()).as("GPUs of allocation " + job.id()).isEqualTo(nodeGpus);
          assertThat(where.startedAt().getEpochSecond()).isGreaterThanOrEqualTo(job.start());
          assertThat(where.endedAt().getEpochSecond()).isLessThanOrEqualTo(job.end());
        } else {
          assertThat(job.state()).as("state of " + job.id()).isEqualTo("COMPLETED");
          assertThat(job.gpus()).as("GPUs of " + s.id()).isEqualTo(askedGpus.applyAsInt(s.id()));
        }
      }
    }
  }

  /** No node ever had more GPUs allocated to these jobs at once than {@code nodeGpus}. */
  void neverMoreGpusThan(int nodeGpus) {
    Map<String, TreeMap<Long, Integer>> change = new TreeMap<>();
    for (Job j : jobs.values()) {
      if (j.end() > j.start()) {
        TreeMap<Long, Integer> c = change.computeIfAbsent(j.node(), n -> new TreeMap<>());
        c.merge(j.start(), j.gpus(), Integer::sum);
        c.merge(j.end(), -j.gpus(), Integer::sum);
      }
    }
    change.forEach(
        (node, c) -> {
          int held = 0;
          for (Map.Entry<Long, Integer> e : c.entrySet()) {
            held += e.getValue();
            assertThat(held)
                .as("GPUs allocated on " + node + " at " + Instant.ofEpochSecond(e.getKey()))
                .isLessThanOrEqualTo(nodeGpus);
          }
        });
  }

  private static Map<String, Job> read(Set<String> ids) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "sacct",
                "--noheader",
                "--parsable2",
                "--allocations",
                "--jobs=" + String.join(",", ids),
                "--format=JobID,State,NodeList,AllocTRES,Start,End"));
    Map<String, Job> jobs = new TreeMap<>();
    for (String line : run(argv.toArray(String[]::new)).split("\n")) {
      String[] f = line.split("\\|", -1);
      if (f.length < 6) {
        continue;
      }
      long end = seconds(f[5]);
      if (end < 0) {
        continue; // not yet recorded as ended
      }
      jobs.put(f[0], new Job(f[0], f[1].split(" ")[0], f[2], gpus(f[3]), seconds(f[4]), end));
    }
    return jobs;
  }

  private static int gpus(String tres) {
    for (String entry : tres.split(",")) {
      if (entry.startsWith("gres/gpu=")) {
        return Integer.parseInt(entry.substring("gres/gpu=".length()));
      }
    }
    return 0;
  }

  private static long seconds(String time) {
    try {
      return LocalDateTime.parse(time).atZone(ZoneId.systemDefault()).toEpochSecond();
    } catch (RuntimeException e) {
      return -1; // Unknown, None
    }
  }

  private static String run(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return p.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
