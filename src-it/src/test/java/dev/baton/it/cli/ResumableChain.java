package dev.baton.it.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A six-step chain whose fourth step can be held, for killing Baton at a known point. */
public final class ResumableChain {
  private ResumableChain() {}

  /**
   * Six steps; each appends "run-id step-id" to counter.txt. The first attempt of s4 waits for the
   * file go4 first.
   */
  public static Path create(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder yaml = new StringBuilder("version: 1\nname: chain\nsteps:\n");
    for (int i = 1; i <= 6; i++) {
      String wait =
          i == 4
              ? "if [ $BATON_ATTEMPT = 1 ]; then while [ ! -f go4 ]; do sleep 0.05; done; fi; "
              : "";
      yaml.append("  s").append(i).append(":\n");
      yaml.append("    run: '")
          .append(wait)
          .append("echo \"$BATON_RUN_ID $BATON_STEP_ID\" >> counter.txt'\n");
      if (i > 1) {
        yaml.append("    needs: [s").append(i - 1).append("]\n");
      }
    }
    Files.writeString(dir.resolve("baton.yaml"), yaml);
    return dir;
  }

  public static Process start(Path dir, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "baton.yaml"));
    args.addAll(List.of(extra));
    return new ProcessBuilder(CliRun.command(args.toArray(String[]::new)))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("console-1.txt").toFile())
        .start();
  }

  public static List<String> counter(Path dir) {
    Path f = dir.resolve("counter.txt");
    try {
      return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  public static boolean s4Running(Path dir) {
    return attemptStarted(dir, "s4");
  }

  /** Whether the latest run's journal records an attempt of {@code step} as started. */
  public static boolean attemptStarted(Path dir, String step) {
    try {
      Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
      return Files.exists(journal)
          && Files.readString(journal)
              .contains("\"type\":\"attempt-started\",\"step\":\"" + step + "\"");
    } catch (IOException e) {
      return false;
    }
  }
}
