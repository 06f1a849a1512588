package dev.baton.core.exec.slurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A pretend cluster for tests without Slurm: sbatch hands out job ids, squeue reports the states
 * the test sets, every call is recorded.
 */
final class FakeSlurm implements SlurmCli {
  final List<List<String>> calls = new CopyOnWriteArrayList<>();

  /** Job id to {@code STATE waitStatus}, as squeue prints them; absent: purged. */
  final Map<String, String> jobs = new ConcurrentHashMap<>();

  /**
   * Runs at each squeue call, before it is answered, with the number of squeue calls so far: a test
   * can change the cluster at a given look, or see what the caller planned, without timing.
   */
  volatile IntConsumer onSqueue = n -> {};

  volatile Result sbatchAnswer;
  volatile Result squeueFailure;

  /** What sacct prints; null: a cluster without accounting (sacct fails). */
  volatile String sacctAnswer;

  private int nextId = 100;

  @Override
  public synchronized Result run(List<String> argv, Duration timeout) {
    calls.add(List.copyOf(argv));
    switch (argv.get(0)) {
      case "sbatch" -> {
        if (sbatchAnswer != null) {
          return sbatchAnswer;
        }
        String id = String.valueOf(nextId++);
        jobs.put(id, "PENDING 0");
        return new Result(0, id + "\n", "");
      }
      case "squeue" -> {
        return squeue(argv);
      }
      case "sacct" -> {
        String answer = sacctAnswer;
        return answer == null
            ? new Result(1, "", "sacct: error: Slurm accounting storage is disabled\n")
            : new Result(0, answer, "");
      }
      default -> {
        return new Result(0, "", "");
      }
    }
  }

  private Result squeue(List<String> argv) {
    onSqueue.accept(calls("squeue").size());
    if (squeueFailure != null) {
      return squeueFailure;
    }
    String list =
        argv.stream().filter(a -> a.startsWith("--jobs=")).findFirst().orElseThrow().substring(7);
    StringBuilder out = new StringBuilder();
    for (String id : list.split(",")) {
      String row = jobs.get(id);
      if (row != null) {
        String[] f = row.split(" ");
        // As squeue --Format=JobID:|,State:|,exit_code:|,NodeList:|,... prints it.
        out.append(id).append('|').append(f[0]).append('|').append(f[1]);
        out.append("|baton01|2026-12-07T05:20:59|2026-12-07T05:20:59|2026-12-07T05:21:03\n");
      }
    }
    if (out.length() == 0) {
      return new Result(1, "", "slurm_load_jobs error: Invalid job id specified\n");
    }
    return new Result(0, out.toString(), "");
  }

  List<List<String>> calls(String program) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> c : calls) {
      if (c.get(0).equals(program)) {
        out.add(c);
      }
    }
    return out;
  }
}
