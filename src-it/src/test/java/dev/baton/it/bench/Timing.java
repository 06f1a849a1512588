package dev.baton.it.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Times whole commands, as hyperfine does: warm-up, then the median of several runs. */
final class Timing {
  private Timing() {}

  static double medianSeconds(Path dir, List<String> command, int warmup, int runs)
      throws Exception {
    for (int i = 0; i < warmup; i++) {
      once(dir, command);
    }
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      t[i] = once(dir, command);
    }
    Arrays.sort(t);
    return t[runs / 2];
  }

  static double once(Path dir, List<String> command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(new File("/dev/null"));
    pb.environment().put("CI", "true");
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed in " + dir);
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
