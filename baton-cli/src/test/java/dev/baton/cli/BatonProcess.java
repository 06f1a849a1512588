package dev.baton.cli;

import dev.baton.core.testing.JavaProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code baton} command line in a separate JVM (this module's classes, so no packaged jar
 * is needed), optionally behind a shell prelude that changes its world: {@code ulimit -f}, a mount
 * namespace.
 */
final class BatonProcess {
  private BatonProcess() {}

  /** {@code java -cp <test classpath> dev.baton.cli.BatonCli args...}. */
  static List<String> command(String... args) {
    return JavaProcess.java(BatonCli.class, args);
  }

  /** Starts baton in {@code workdir}, its output (both streams) going to {@code output}. */
  static Process start(Path workdir, Path output, List<String> command) throws IOException {
    return JavaProcess.start(workdir, output, command);
  }

  /** Runs {@code command} in {@code workdir} and waits up to two minutes for it. */
  static JavaProcess.Result run(Path workdir, List<String> command)
      throws IOException, InterruptedException {
    return JavaProcess.run(workdir, command);
  }

  /**
   * Runs {@code bash -c 'PRELUDE; exec baton ARGS'} in {@code workdir} and waits for it. The
   * prelude sees the java command as {@code "$@"}.
   */
  static JavaProcess.Result runBehind(String prelude, Path workdir, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("bash", "-c", prelude + "\nexec \"$@\"", "bash"));
    command.addAll(command(args));
    return run(workdir, command);
  }
}
