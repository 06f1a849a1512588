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
import org.jspecify.annotations.Nullable;

/**
 * The git state of a workspace, read with the {@code git} program. The program rather than a Java
 * library: it is on every machine that has a clone, it reads every repository format, worktree and
 * configuration the user's own git does (a library lags behind extensions such as the reftable or
 * partial clones), and Baton's jar stays without another dependency. Each call has a time limit so
 * a hung git (a network file system, a credential prompt) cannot hold up the run's end; no git, no
 * work tree, or an error gives no source.
 *
 * <p>What the repository's files say plainly is read from them ({@link GitFiles}): that there is no
 * repository (then no git starts at all, as for most runs outside a clone), the commit, the branch
 * and the remote; only the dirty state needs git ({@code status}), which also says whether git
 * accepts the repository (a repository git refuses, such as one of another user, gives no source,
 * as before). Anything the files leave open goes to git as it always did.
 */
public final class GitSource {
  static final Duration LIMIT = Duration.ofSeconds(10);

  /** git's exit status where it finds no repository it accepts ("fatal: not a git repository"). */
  private static final int NOT_A_REPOSITORY = 128;

  private static final int TIMED_OUT = -1;
  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(://[^/@:]*):[^/@]*@");

  private GitSource() {}

  /** The commit, branch, remote and dirty state of the work tree holding {@code dir}. */
  public static Optional<SourceRecord> of(Path dir) {
    GitFiles.Found found = GitFiles.find(dir, System.getenv());
    if (found instanceof GitFiles.None) {
      return Optional.empty();
    }
    if (!(found instanceof GitFiles.Repository repository)) {
      return byGit(dir);
    }
    GitFiles files = repository.files();
    String commit;
    try {
      commit = files.headCommit();
    } catch (GitFiles.AskGit e) {
      return byGit(dir);
    }
    if (commit.isEmpty()) {
      return Optional.empty(); // an unborn branch: git rev-parse HEAD fails too
    }
    String branch;
    try {
      branch = files.branch();
    } catch (GitFiles.AskGit e) {
      branch = branchByGit(dir);
    }
    String remote;
    try {
      remote = withoutPassword(files.originUrl());
    } catch (GitFiles.AskGit e) {
      remote = remoteByGit(dir);
    }
    Optional<Ran> status = status(dir);
    if (status.isEmpty() || status.get().exit() == NOT_A_REPOSITORY) {
      return Optional.empty(); // no git installed, or a repository git does not accept
    }
    boolean dirty =
        status.filter(r -> r.exit() == 0).map(r -> changedOutsideBaton(r.out())).orElse(false);
    return Optional.of(new SourceRecord(commit, branch, remote, dirty));
  }

  /** The same answer from git alone: the way for layouts {@link GitFiles} leaves to git. */
  static Optional<SourceRecord> byGit(Path dir) {
    Optional<String> commit = git(dir, "rev-parse", "--verify", "-q", "HEAD");
    if (commit.isEmpty() || commit.get().isEmpty()) {
      return Optional.empty();
    }
    String branch = branchByGit(dir);
    String remote = remoteByGit(dir);
    boolean dirty =
        git(dir, "status", "--porcelain", "--untracked-files=normal")
            .map(GitSource::changedOutsideBaton)
            .orElse(false);
    return Optional.of(new SourceRecord(commit.get(), branch, remote, dirty));
  }

  private static @Nullable String branchByGit(Path dir) {
    return git(dir, "symbolic-ref", "--short", "-q", "HEAD").filter(b -> !b.isEmpty()).orElse(null);
  }

  private static @Nullable String remoteByGit(Path dir) {
    return git(dir, "config", "--get", "remote.origin.url")
        .filter(r -> !r.isEmpty())
        .map(GitSource::withoutPassword)
        .orElse(null);
  }

  private static Optional<Ran> status(Path dir) {
    return run(dir, "status", "--porcelain", "--untracked-files=normal");
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
    return run(dir, args).filter(r -> r.exit() == 0).map(Ran::out);
  }

  /**
   * How git ended and its trimmed standard output ({@link #TIMED_OUT} past the limit); empty when
   * there is no git to start.
   */
  private static Optional<Ran> run(Path dir, String... args) {
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
        return Optional.of(new Ran(TIMED_OUT, ""));
      }
      return Optional.of(
          new Ran(
              process.exitValue(),
              new String(read.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8)
                  .strip()));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (IOException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      return Optional.empty();
    }
  }

  private record Ran(int exit, String out) {}
}
