package dev.baton.core.usage;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One {@code nvidia-smi --query-gpu=… -lms} process for the whole run, started when the first
 * attempt holding GPUs starts and stopped when the last one ends: it prints every GPU's memory and
 * utilisation each interval, and each line goes to the attempts holding that GPU. Where {@code
 * nvidia-smi} is missing or fails, attempts simply have no GPU figures.
 */
final class GpuSampler {
  static final String QUERY = "--query-gpu=index,memory.used,memory.total,utilization.gpu";
  private static final long MIB = 1024L * 1024L;
  private final Duration interval;
  private final Collection<AttemptMeter> meters;
  private int gpuAttempts;
  private @Nullable Process process;
  private boolean hookAdded;

  GpuSampler(Duration interval, Collection<AttemptMeter> meters) {
    this.interval = interval;
    this.meters = meters;
  }

  synchronized void attemptStarted() {
    gpuAttempts++;
    if (process == null || !process.isAlive()) {
      process = start().orElse(null);
    }
  }

  synchronized void attemptEnded() {
    gpuAttempts--;
    if (gpuAttempts <= 0 && process != null) {
      process.destroy();
      process = null;
    }
  }

  private Optional<Process> start() {
    Optional<Path> smi = onPath(System.getenv("PATH"));
    if (smi.isEmpty()) {
      return Optional.empty();
    }
    try {
      Process p =
          new ProcessBuilder(command(smi.get(), interval))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      Thread reader = new Thread(() -> read(p), "baton-gpu-usage");
      reader.setDaemon(true);
      reader.start();
      if (!hookAdded) {
        hookAdded = true;
        // A run that ends while it samples must not leave nvidia-smi looping behind it.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopNow, "baton-gpu-usage-stop"));
      }
      return Optional.of(p);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private synchronized void stopNow() {
    if (process != null) {
      process.destroy();
    }
  }

  private void read(Process p) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        GpuLine g = parse(line);
        if (g != null) {
          for (AttemptMeter m : meters) {
            m.addGpu(g.index, g.memoryBytes, g.totalBytes, g.utilization);
          }
        }
      }
    } catch (IOException e) {
      // nvidia-smi was stopped: the attempts keep what they got
    }
  }

  /** One line of the query: index, memory used (MiB), memory total (MiB), utilisation (%). */
  record GpuLine(int index, long memoryBytes, @Nullable Long totalBytes, double utilization) {}

  static @Nullable GpuLine parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length < 4) {
      return null;
    }
    try {
      int index = Integer.parseInt(f[0].trim());
      long used = Long.parseLong(f[1].trim()) * MIB;
      Double totalMib = number(f[2]);
      Long total = totalMib == null ? null : Math.round(totalMib) * MIB;
      Double util = number(f[3]);
      return new GpuLine(index, used, total, util == null ? 0 : util);
    } catch (NumberFormatException e) {
      return null; // "[N/A]" memory, or a line that is not a GPU's
    }
  }

  private static @Nullable Double number(String field) {
    try {
      return Double.parseDouble(field.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Optional<Path> onPath(@Nullable String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(Pattern.quote(File.pathSeparator), -1)) {
      if (!dir.isBlank()) {
        Path p = Path.of(dir, "nvidia-smi");
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  static List<String> command(Path smi, Duration interval) {
    return List.of(
        smi.toString(),
        QUERY,
        "--format=csv,noheader,nounits",
        "-lms",
        Long.toString(Math.max(100, interval.toMillis())));
  }
}
