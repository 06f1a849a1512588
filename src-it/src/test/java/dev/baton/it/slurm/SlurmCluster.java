package dev.baton.it.slurm;

import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The Slurm test cluster that src-it/slurm/start-cluster.sh starts, as the tests need it. */
public final class SlurmCluster {
  private SlurmCluster() {}

  /** Skips (fails under CI) unless a Slurm controller answers {@code scontrol ping}. */
  public static void requireRunning() throws InterruptedException {
    boolean up;
    try {
      Process p = new ProcessBuilder("scontrol", "ping").redirectErrorStream(true).start();
      up = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      up = false;
    }
    RequiredTool.require(
        up,
        "no Slurm cluster answers 'scontrol ping'; start one with src-it/slurm/start-cluster.sh");
  }
}
