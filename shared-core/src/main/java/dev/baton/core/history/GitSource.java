package dev.baton.core.history;

import dev.baton.core.record.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The git state of a workspace, read with the {@code git} program. The program rather than a Java
 * library: it is on every machine that has a clone, it reads every repository format, worktree and
 * configuration the user's own git does (a library lags behind extensions such as the reftable or
 * partial clones), and Baton's jar stays without another dependency. Each call has a time limit so
 * a hung git (a network file system, a credential prompt) cannot hold up the run's end; no git, no
 * work tree, or an error gives no source.
 */
public final class GitSource {
  static final Duration LIMIT = Duration.ofSeconds(10);
  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(://[^/@:]*):[^/@]*@");

  private GitSource() {}

  /** The commit, branch, remote and dirty state of the work tree holding {@code dir}. */
  public static Optional<SourceRecord> of(Path dir) {
    Optional<String> commit = git(dir, "rev-parse", "--verify", "-q", "HEAD");
    if (commit.isEmpty() || commit.get().isEmpty()) {
      return Optional.empty();
    }
    String branch =
        git(dir, "symbolic-ref", "--short", "-q", "HEAD").filter(b -> !b.isEmpty()).orElse(null);
    String remote =
        git(dir, "config", "--get", "remote.origin.url")
            .filter(r -> !r.isEmpty())
            .map(GitSource::withoutPassword)
            .orElse(null);
    boolean dirty =
        git(dir, "status", "--porcelain", "--untracked-files=normal")
            .map(GitSource::changedOutsideBaton)
            .orElse(false);
    return Optional.of(new SourceRecord(commit.get(), branch, remote, dirty));
  }

  /** A remote URL with any password in it removed ({@code https://user@host/repo.git}). */
  static String withoutPassword(String url) {
    return PASSWORD_IN_URL.matcher(url).replaceAll("$1@");
  }

  /**
   * Whether {@code git status --porcelain} lists a change other than Baton's own {@code .baton/}
   * directories, which the run itself writes and which are no part of the code.
   */
  static boolean changedOutsideBaton(String porcelain) {
    for (String line : porcelain.lines().toList()) {
      if (line.length() < 4) {
        continue;
      }
      String path = line.substring(3).replace("\"", "");
      int arrow = path.indexOf(" -> ");
      if (arrow >= 0) {
        path = path.substring(arrow + 4);
      }
      if (!Arrays.asList(path.split("/", -1)).contains(".baton")) {
        return true;
      }
    }
    return false;
  }

  /** Git's trimmed standard output; empty when git is missing, failed or ran past the limit. */
  private static Optional<String> git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    // Never prompt for credentials, never take the index lock a user's own git may want.
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("GIT_OPTIONAL_LOCKS", "0");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try (InputStream out = process.getInputStream()) {
      CompletableFuture<byte[]> read =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return out.readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      if (process.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(
          new String(read.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8)
              .strip());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (IOException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      return Optional.empty();
    }
  }
}
