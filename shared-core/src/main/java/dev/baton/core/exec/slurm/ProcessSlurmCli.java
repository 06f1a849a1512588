package dev.baton.core.exec.slurm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs Slurm's client commands through Commons Exec, with a watchdog: a controller that does not
 * answer makes {@code squeue} or {@code sbatch} hang for a long time, and Baton must not hang with
 * them.
 */
final class ProcessSlurmCli implements SlurmCli {

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
    int code = executor.execute(command);
    if (watchdog.killedProcess()) {
      code = Result.TIMED_OUT;
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
