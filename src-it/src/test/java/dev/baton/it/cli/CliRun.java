package dev.baton.it.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code baton} command line (the shaded CLI jar) as a separate process. */
public final class CliRun {
  public static final Path REPO =
      Path.of(System.getProperty("baton.repo", "..")).toAbsolutePath().normalize();

  public final int exitCode;
  public final String output;

  private CliRun(int exitCode, String output) {
    this.exitCode = exitCode;
    this.output = output;
  }

  static Path cliJar() {
    Path jar = REPO.resolve("baton-cli/target/baton-cli.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          "the CLI jar " + jar + " is missing; build baton-cli first (the reactor does)");
    }
    return jar;
  }

  static List<String> command(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                cliJar().toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  public static CliRun run(Path workdir, String... args) throws IOException, InterruptedException {
    return run(workdir, Map.of(), args);
  }

  public static CliRun run(Path workdir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return runWithin(TimeUnit.MINUTES.toSeconds(5), workdir, env, args);
  }

  /** Like {@link #run}, failing when baton has not ended within {@code seconds} (a hang). */
  public static CliRun runWithin(
      long seconds, Path workdir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("baton-cli", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command(args))
              .directory(workdir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      pb.environment().put("CI", "true");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            "baton " + String.join(" ", args) + " did not finish in " + seconds + " s");
      }
      return new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + ":\n" + output;
  }

  /** A copy of examples/quickstart without its build output, to run in isolation. */
  public static Path copyQuickstart(Path tmp) throws IOException {
    Path src = REPO.resolve("examples/quickstart");
    Path dst = tmp.resolve("quickstart");
    try (var files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = src.relativize(f);
        if (rel.startsWith("build") || rel.startsWith(".baton")) {
          continue;
        }
        Path t = dst.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    return dst;
  }
}
