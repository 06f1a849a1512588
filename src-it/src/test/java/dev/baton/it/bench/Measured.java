package dev.baton.it.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whole commands timed under {@code /usr/bin/time}: wall time, CPU time (user + system of the
 * process and every child it waited for, which a machine shared with other work moves far less than
 * wall time) and peak RSS. Several runs of one command are a {@link Series}.
 */
final class Measured {
  private Measured() {}

  /** One run: seconds of wall time, seconds of CPU, peak RSS in MB. */
  record Cost(double wall, double cpu, double rssMb) {}

  /** Several runs of one command, summarised as min – max (median). */
  record Series(double[] wall, double[] cpu, double[] rssMb) {
    static Series of(List<Cost> costs) {
      return new Series(
          costs.stream().mapToDouble(Cost::wall).toArray(),
          costs.stream().mapToDouble(Cost::cpu).toArray(),
          costs.stream().mapToDouble(Cost::rssMb).toArray());
    }

    double medianWall() {
      return median(wall);
    }

    double medianCpu() {
      return median(cpu);
    }

    /** Run by run difference {@code this - other} (both series measured in the same rounds). */
    Series minus(Series other) {
      return new Series(diff(wall, other.wall), diff(cpu, other.cpu), rssMb.clone());
    }

    /** Every figure divided by {@code d} (seconds per step, say). */
    Series over(double d) {
      return new Series(scale(wall, 1 / d), scale(cpu, 1 / d), rssMb.clone());
    }

    private static double[] diff(double[] a, double[] b) {
      double[] r = new double[Math.min(a.length, b.length)];
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i] - b[i];
      }
      return r;
    }

    private static double[] scale(double[] a, double f) {
      double[] r = a.clone();
      for (int i = 0; i < r.length; i++) {
        r[i] *= f;
      }
      return r;
    }
  }

  /** Runs {@code command} in {@code dir} under {@code /usr/bin/time}; fails on a non-zero exit. */
  static Cost once(Path dir, List<String> command, Map<String, String> env, int minutes)
      throws Exception {
    Path times = Files.createTempFile("baton-time", ".txt");
    try {
      List<String> timed =
          new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S %M"));
      timed.addAll(command);
      ProcessBuilder pb =
          new ProcessBuilder(timed)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(new File("/dev/null"));
      pb.environment().put("CI", "true");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " ran past " + minutes + " min");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed in " + dir);
      }
      // The last line; a failing command's status line would come before it.
      String[] f = Files.readString(times).strip().split("\\s+");
      int n = f.length;
      return new Cost(
          Double.parseDouble(f[n - 4]),
          Double.parseDouble(f[n - 3]) + Double.parseDouble(f[n - 2]),
          Double.parseDouble(f[n - 1]) / 1024);
    } finally {
      Files.deleteIfExists(times);
    }
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** {@code min – max (median)} of {@code values} in {@code format}. */
  static String range(double[] values, String format) {
    double[] s = values.clone();
    Arrays.sort(s);
    String f = format + " – " + format + " (" + format + ")";
    return String.format(Locale.ROOT, f, s[0], s[s.length - 1], median(s));
  }
}
