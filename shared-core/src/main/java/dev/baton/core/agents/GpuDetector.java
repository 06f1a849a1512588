package dev.baton.core.agents;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Finds this machine's NVIDIA GPUs by asking {@code nvidia-smi}; never throws: a missing or failing
 * {@code nvidia-smi} means no GPUs plus a problem to tell the user.
 */
public final class GpuDetector {
  static final String[] QUERY = {
    "--query-gpu=index,name,memory.total,uuid", "--format=csv,noheader,nounits"
  };
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String NO_GPUS = ", so no GPUs are used; ";
  private static final String RUN_IT = "run nvidia-smi to see why";

  private final Map<String, String> environment;
  private final Optional<Path> executable;
  private final Duration timeout;

  /** Looks {@code nvidia-smi} up on the {@code PATH} of {@code environment}. */
  public GpuDetector(Map<String, String> environment) {
    this(Optional.empty(), environment, TIMEOUT);
  }

  /** Runs the {@code nvidia-smi} at {@code executable} (tests, unusual installs). */
  public GpuDetector(Path executable, Map<String, String> environment) {
    this(Optional.of(executable), environment, TIMEOUT);
  }

  GpuDetector(Optional<Path> executable, Map<String, String> environment, Duration timeout) {
    this.environment = Map.copyOf(environment);
    this.executable = executable;
    this.timeout = timeout;
  }

  /** Asks {@code nvidia-smi} for the GPUs; zero GPUs and a problem when that does not work. */
  public GpuDetection detect() {
    Optional<Path> smi = executable.isPresent() ? executable : findOnPath();
    if (smi.isEmpty() || !Files.isExecutable(smi.get())) {
      String where = executable.map(p -> "not found at " + p).orElse("not found on PATH");
      return GpuDetection.none(
          "nvidia-smi " + where + NO_GPUS + "install the NVIDIA driver or put nvidia-smi on PATH");
    }
    return run(smi.get());
  }

  private GpuDetection run(Path smi) {
    CommandLine command = new CommandLine(smi.toFile());
    command.addArguments(QUERY, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
    PumpStreamHandler streams = new PumpStreamHandler(out, err);
    // A child that outlives a killed nvidia-smi must not keep us waiting for its output.
    streams.setStopTimeout(Duration.ofSeconds(2));
    DefaultExecutor executor = DefaultExecutor.builder().get();
    executor.setStreamHandler(streams);
    executor.setWatchdog(watchdog);
    executor.setExitValues(null);
    int exit;
    try {
      exit = executor.execute(command, environment);
    } catch (IOException e) {
      return GpuDetection.none(
          "nvidia-smi at " + smi + " could not start (" + e.getMessage() + ")" + NO_GPUS + RUN_IT);
    }
    if (watchdog.killedProcess()) {
      return GpuDetection.none(
          "nvidia-smi did not answer within " + seconds(timeout) + NO_GPUS + RUN_IT);
    }
    String stdout = out.toString(Charset.defaultCharset());
    if (exit != 0) {
      String reason = firstLine(err.toString(Charset.defaultCharset()));
      if (reason.isEmpty()) {
        // nvidia-smi prints driver errors ("couldn't communicate with the driver") on stdout.
        reason = firstLine(stdout);
      }
      String detail = reason.isEmpty() ? "exit " + exit : "exit " + exit + ": " + reason;
      return GpuDetection.none("nvidia-smi failed (" + detail + ")" + NO_GPUS + RUN_IT);
    }
    return NvidiaSmiOutput.parse(stdout);
  }

  private Optional<Path> findOnPath() {
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
      if (dir.isBlank()) {
        continue;
      }
      for (String name : new String[] {"nvidia-smi", "nvidia-smi.exe"}) {
        try {
          Path candidate = Path.of(dir, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return Optional.of(candidate);
          }
        } catch (InvalidPathException e) {
          // A PATH entry that is not a path cannot hold nvidia-smi; look at the next one.
        }
      }
    }
    return Optional.empty();
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static String firstLine(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }
}
