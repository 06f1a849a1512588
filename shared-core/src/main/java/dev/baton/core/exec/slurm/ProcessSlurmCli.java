package dev.baton.core.exec.slurm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs Slurm's client commands through Commons Exec, with a watchdog: a controller that does not
 * answer makes {@code squeue} or {@code sbatch} hang for a long time, and Baton must not hang with
 * them.
 *
 * <p>The commands get a small environment, not the JVM's: {@code sbatch --export=ALL} hands its
 * whole environment to the controller, which stores it with the job, and a CI job's environment
 * holds secrets. The step's own environment reaches the job through a private file instead (see
 * {@link BatchScript}).
 */
final class ProcessSlurmCli implements SlurmCli {
  private static final Set<String> PASSED =
      Set.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "LANG",
          "LANGUAGE",
          "TZ",
          "SLURM_CONF",
          "SLURM_CLUSTERS");

  private final Map<String, String> environment = clientEnvironment(System.getenv());

  /**
   * What Slurm's clients need from {@code env}: locations, locale, and the user's sbatch defaults.
   */
  static Map<String, String> clientEnvironment(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (PASSED.contains(name) || name.startsWith("LC_") || name.startsWith("SBATCH_")) {
            out.put(name, value);
          }
        });
    return out;
  }

  @Override
  public Result run(List<String> argv, Duration timeout) throws IOException {
    CommandLine command = new CommandLine(argv.get(0));
    for (String arg : argv.subList(1, argv.size())) {
      command.addArgument(arg, false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
    DefaultExecutor executor = DefaultExecutor.builder().get();
    executor.setStreamHandler(new PumpStreamHandler(out, err));
    executor.setWatchdog(watchdog);
    executor.setExitValues(null);
    int code = executor.execute(command, environment);
    if (watchdog.killedProcess()) {
      code = Result.TIMED_OUT;
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
