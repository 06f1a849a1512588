package dev.baton.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class of the test classpath run in a separate JVM, so a test can change its world (a file size
 * limit, a mount namespace) or watch it end. baton-cli's {@code BatonProcess} runs the command line
 * this way.
 */
public final class JavaProcess {
  /** What a finished process printed and how it ended. */
  public record Result(int exitCode, String output) {
    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + output;
    }
  }

  private JavaProcess() {}

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

  /**
   * Starts {@code command} in {@code workdir}, its output (both streams) going to {@code output}.
   */
  public static Process start(Path workdir, Path output, List<String> command) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    pb.environment().put("CI", "true");
    return pb.start();
  }

  /** Runs {@code command} in {@code workdir} and waits up to two minutes for it. */
  public static Result run(Path workdir, List<String> command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("java-process", ".txt");
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
