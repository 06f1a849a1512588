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

/** Runs {@code nvidia-smi} once under a hard time limit: one that hangs is killed, never waited. */
final class NvidiaSmiCall {
  /** How one call ended. */
  enum Status {
    ANSWERED,
    TIMED_OUT,
    NOT_STARTED
  }

  /**
   * What one call gave.
   *
   * @param exit the exit code when {@code ANSWERED}
   * @param startError why it could not start, when {@code NOT_STARTED}
   */
  record Result(Status status, int exit, String stdout, String stderr, String startError) {
    /** The first line saying why it failed: stderr's, else stdout's (driver errors go there). */
    String reason() {
      String line = firstLine(stderr);
      return line.isEmpty() ? firstLine(stdout) : line;
    }
  }

  private NvidiaSmiCall() {}

  static Result run(Path smi, String[] arguments, Map<String, String> env, Duration timeout) {
    CommandLine command = new CommandLine(smi.toFile());
    command.addArguments(arguments, false);
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
      exit = executor.execute(command, env);
    } catch (IOException e) {
      return new Result(Status.NOT_STARTED, -1, "", "", String.valueOf(e.getMessage()));
    }
    Status status = watchdog.killedProcess() ? Status.TIMED_OUT : Status.ANSWERED;
    return new Result(
        status,
        exit,
        out.toString(Charset.defaultCharset()),
        err.toString(Charset.defaultCharset()),
        "");
  }

  /** The {@code nvidia-smi} on the {@code PATH} of {@code env}. */
  static Optional<Path> findOnPath(Map<String, String> env) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(Pattern.quote(File.pathSeparator), -1)) {
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

  /** {@code 5 s}, {@code 0.3 s}: how long a time limit is, as messages say it. */
  static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static String firstLine(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }
}
