package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.record.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace's git source read from the repository's files gives what git itself gives ({@link
 * GitSource#byGit}), for each layout the files are read in, and leaves to git what they do not say
 * plainly. Real repositories made by the git program.
 */
class GitSourceTest {
  @TempDir Path tmp;
  Path repo;

  @BeforeEach
  void aRepositoryWithOneCommit() throws Exception {
    Git.require();
    repo = Files.createDirectories(tmp.resolve("repo"));
    Git.init(repo);
    Git.run(repo, "remote", "add", "origin", "https://bob:hunter2@git.invalid/team/x.git");
    Files.writeString(repo.resolve("train.py"), "print(1)\n");
    Files.createDirectories(repo.resolve("src/deep"));
    Files.writeString(repo.resolve("src/deep/a.txt"), "a\n");
    Git.commitAll(repo, "first");
  }

  private static GitFiles files(Path dir) {
    GitFiles.Found found = GitFiles.find(dir, Map.of());
    assertThat(found).isInstanceOf(GitFiles.Repository.class);
    return ((GitFiles.Repository) found).files();
  }

  private static String head(Path dir) throws Exception {
    return Git.run(dir, "rev-parse", "HEAD").strip();
  }

  @Test
  void aDirectoryInNoRepositoryHasNoSourceAndNeedsNoGit() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside/sub"));

    assertThat(GitFiles.find(outside, Map.of())).isInstanceOf(GitFiles.None.class);
    assertThat(GitSource.of(outside)).isEmpty();
    assertThat(GitSource.byGit(outside)).isEmpty();
  }

  @Test
  void aBranchCheckedOutIsReadFromTheFilesAsGitGivesIt() throws Exception {
    GitFiles files = files(repo.resolve("src/deep"));

    assertThat(files.headCommit()).isEqualTo(head(repo));
    assertThat(files.branch()).isEqualTo("main");
    assertThat(files.originUrl()).isEqualTo("https://bob:hunter2@git.invalid/team/x.git");
    Optional<SourceRecord> source = GitSource.of(repo.resolve("src/deep"));
    assertThat(source)
        .contains(
            new SourceRecord(head(repo), "main", "https://bob@git.invalid/team/x.git", false));
    assertThat(source).isEqualTo(GitSource.byGit(repo.resolve("src/deep")));
  }

  @Test
  void packedRefsAreRead() throws Exception {
    Git.run(repo, "checkout", "-q", "-b", "feature/x");
    Git.commitAll(repo, "second");
    Git.run(repo, "pack-refs", "--all");
    assertThat(repo.resolve(".git/refs/heads/feature/x")).doesNotExist();

    assertThat(files(repo).headCommit()).isEqualTo(head(repo));
    assertThat(files(repo).branch()).isEqualTo("feature/x");
    assertThat(GitSource.of(repo)).isEqualTo(GitSource.byGit(repo)).isPresent();
  }

  @Test
  void aDetachedHeadHasACommitAndNoBranch() throws Exception {
    String first = head(repo);
    Git.commitAll(repo, "second");
    Git.run(repo, "checkout", "-q", "--detach", first);

    assertThat(files(repo).headCommit()).isEqualTo(first);
    assertThat(files(repo).branch()).isNull();
    assertThat(GitSource.of(repo)).isEqualTo(GitSource.byGit(repo));
    assertThat(GitSource.of(repo).orElseThrow().branch()).isNull();
  }

  @Test
  void aWorktreeReadsItsOwnHeadAndTheSharedRefsAndConfig() throws Exception {
    Path worktree = tmp.resolve("wt");
    Git.run(repo, "worktree", "add", "-q", "-b", "feature", worktree.toString());
    Git.commitAll(worktree, "on the worktree");
    assertThat(worktree.resolve(".git")).isRegularFile();

    assertThat(files(worktree).headCommit()).isEqualTo(head(worktree)).isNotEqualTo(head(repo));
    assertThat(files(worktree).branch()).isEqualTo("feature");
    assertThat(GitSource.of(worktree)).isEqualTo(GitSource.byGit(worktree));
    assertThat(GitSource.of(worktree).orElseThrow().remote())
        .isEqualTo("https://bob@git.invalid/team/x.git");
  }

  @Test
  void aGitFileNamingTheRepositoryElsewhereIsFollowed() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("separate"));
    Git.run(
        work, "init", "-q", "-b", "trunk", "--separate-git-dir", tmp.resolve("store").toString());
    Git.run(work, "config", "user.email", "test@baton.invalid");
    Git.run(work, "config", "user.name", "Baton Test");
    Git.commitAll(work, "first");

    assertThat(files(work).headCommit()).isEqualTo(head(work));
    assertThat(GitSource.of(work)).isEqualTo(GitSource.byGit(work));
    assertThat(GitSource.of(work).orElseThrow().branch()).isEqualTo("trunk");
  }

  @Test
  void aRepositoryWithoutACommitHasNoSource() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Git.init(empty);

    assertThat(files(empty).headCommit()).isEmpty();
    assertThat(GitSource.of(empty)).isEmpty();
    assertThat(GitSource.byGit(empty)).isEmpty();
  }

  @Test
  void aBranchNamedLikeATagIsLeftToGitWhichShortensItOtherwise() throws Exception {
    Git.run(repo, "tag", "main");

    assertThatThrownBy(() -> files(repo).branch()).isInstanceOf(GitFiles.AskGit.class);
    assertThat(GitSource.of(repo)).isEqualTo(GitSource.byGit(repo));
  }

  @Test
  void aQuotedRemoteWithACommentIsReadAsGitReadsItAndNoneIsAskedOfGit() throws Exception {
    Path config = repo.resolve(".git/config");
    String text = Files.readString(config, StandardCharsets.UTF_8);
    Files.writeString(
        config,
        text.replace(
                "url = https://bob:hunter2@git.invalid/team/x.git",
                "url = \"https://git.invalid/a b.git\" ; the shared one")
            + "[REMOTE \"Origin\"]\n\turl = https://git.invalid/another.git\n",
        StandardCharsets.UTF_8);

    assertThat(files(repo).originUrl()).isEqualTo("https://git.invalid/a b.git");
    assertThat(GitSource.of(repo)).isEqualTo(GitSource.byGit(repo));

    Git.run(repo, "remote", "remove", "origin");
    assertThatThrownBy(() -> files(repo).originUrl()).isInstanceOf(GitFiles.AskGit.class);
    assertThat(GitSource.of(repo)).isEqualTo(GitSource.byGit(repo));
    assertThat(GitSource.of(repo).orElseThrow().remote()).isNull();
  }

  @Test
  void changesOutsideBatonsDirectoryMakeItDirtyAsGitSaysIt() throws Exception {
    Files.createDirectories(repo.resolve(".baton"));
    Files.writeString(repo.resolve(".baton/lock"), "x");
    assertThat(GitSource.of(repo).orElseThrow().dirty()).isFalse();

    Files.writeString(repo.resolve("train.py"), "print(2)\n");
    assertThat(GitSource.of(repo).orElseThrow().dirty()).isTrue();
    assertThat(GitSource.of(repo)).isEqualTo(GitSource.byGit(repo));
  }

  @Test
  void aWorkspaceReachedThroughALinkIsInTheRepositoryTheLinkLeadsTo() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), repo.resolve("src"));

    assertThat(GitSource.of(link)).isEqualTo(GitSource.byGit(link)).isPresent();
  }

  @Test
  void whatTheFilesDoNotSayPlainlyIsLeftToGit() throws Exception {
    assertThat(GitFiles.find(repo, Map.of("GIT_DIR", repo.resolve(".git").toString())))
        .isInstanceOf(GitFiles.Unsure.class);

    Path config = repo.resolve(".git/config");
    String text = Files.readString(config, StandardCharsets.UTF_8);
    Files.writeString(config, text + "[include]\n\tpath = more.config\n", StandardCharsets.UTF_8);
    assertThat(GitFiles.find(repo, Map.of())).isInstanceOf(GitFiles.Unsure.class);
    assertThat(GitSource.of(repo)).isEqualTo(GitSource.byGit(repo)).isPresent();

    Files.writeString(
        config, text + "[extensions]\n\trefStorage = reftable\n", StandardCharsets.UTF_8);
    assertThat(GitFiles.find(repo, Map.of())).isInstanceOf(GitFiles.Unsure.class);
  }
}
