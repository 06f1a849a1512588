package dev.baton.core.exec.slurm;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Whether the test cluster answers, for the tests that need it. */
final class SlurmClusters {
  private SlurmClusters() {}

  /** Empty when a controller answers and at least {@code nodes} nodes are up; else why not. */
  static String whyMissing(int nodes) {
    SlurmCli cli = new ProcessSlurmCli();
    try {
      SlurmCli.Result ping = cli.run(List.of("scontrol", "ping"), Duration.ofSeconds(15));
      SlurmCli.Result sinfo = cli.run(SlurmInventory.SINFO, Duration.ofSeconds(15));
      if (!ping.ok() || !ping.stdout().contains("UP") || !sinfo.ok()) {
        return "scontrol ping: " + ping.firstError() + "; sinfo: " + sinfo.firstError();
      }
      int found = SlurmInventory.parse(sinfo.stdout()).size();
      return found >= nodes ? "" : "the cluster has " + found + " node(s), the test needs " + nodes;
    } catch (IOException e) {
      return String.valueOf(e.getMessage());
    }
  }
}
