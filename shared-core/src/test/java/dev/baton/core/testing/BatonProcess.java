package dev.baton.core.testing;

import dev.baton.core.cli.BatonCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code baton} command line in a separate JVM (this module's classes, so no packaged jar
 * is needed), optionally behind a shell prelude that changes its world: {@code ulimit -f}, a mount
 * namespace.
 */
public final class BatonProcess {
  /** What a finished process printed and how it ended. */
  public record Result(int exitCode, String output) {
    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + output;
    }
  }

  private BatonProcess() {}

  /** {@code java -cp <test classpath> dev.baton.core.cli.BatonCli args...}. */
  public static List<String> command(String... args) {
    return java(BatonCli.class, args);
  }

  /** {@code java -cp <test classpath> MAIN args...}, without files the JVM would write itself. */
  public static List<String> java(Class<?> main, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /** Starts baton in {@code workdir}, its output (both streams) going to {@code output}. */
  public static Process start(Path workdir, Path output, List<String> command) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    pb.environment().put("CI", "true");
    return pb.start();
  }

  /**
   * Runs {@code bash -c 'PRELUDE; exec baton ARGS'} in {@code workdir} and waits for it. The
   * prelude sees the java command as {@code "$@"}.
   */
  public static Result runBehind(String prelude, Path workdir, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("bash", "-c", prelude + "\nexec \"$@\"", "bash"));
    command.addAll(command(args));
    return run(workdir, command);
  }

  /** Runs {@code command} in {@code workdir} and waits up to two minutes for it. */
  public static Result run(Path workdir, List<String> command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("baton-process", ".txt");
    try {
      Process p = start(workdir, output, command);
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
      }
      return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
