package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real git program in a test's temporary repository. */
public final class Git {
  private Git() {}

  public static boolean installed() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public static void require() {
    RequiredTool.require(installed(), "git is not installed");
  }

  /** A new repository in {@code dir} with a committer set, on branch {@code main}. */
  public static void init(Path dir) throws IOException, InterruptedException {
    run(dir, "init", "-q", "-b", "main");
    run(dir, "config", "user.email", "test@baton.invalid");
    run(dir, "config", "user.name", "Baton Test");
    run(dir, "config", "commit.gpgsign", "false");
  }

  /** Commits everything in the work tree; returns the new commit id. */
  public static String commitAll(Path dir, String message)
      throws IOException, InterruptedException {
    run(dir, "add", "-A");
    run(dir, "commit", "-q", "--allow-empty", "-m", message);
    return run(dir, "rev-parse", "HEAD").strip();
  }

  public static String run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", List.of(args), out).isZero();
    return out;
  }
}
