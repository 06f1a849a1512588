package dev.baton.core.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What {@link GitSource} can read from a repository's files without starting {@code git}: where the
 * repository is (or that there is none), the commit {@code HEAD} names, the branch checked out and
 * the remote {@code origin}. Each answer is the one git gives, or {@link AskGit} where this class
 * does not know the layout or the answer could depend on something it does not read (reftable,
 * configuration includes, environment variables that move the repository, an ambiguous branch
 * name): the caller then asks git.
 */
final class GitFiles {
  /** This class does not know the answer git would give: ask git. */
  static final class AskGit extends Exception {
    private static final long serialVersionUID = 1L;

    AskGit() {
      super(null, null, false, false);
    }
  }

  /** Environment variables with which git finds, or reads, another repository or configuration. */
  private static final Set<String> MOVING_VARIABLES =
      Set.of(
          "GIT_DIR",
          "GIT_WORK_TREE",
          "GIT_COMMON_DIR",
          "GIT_CEILING_DIRECTORIES",
          "GIT_DISCOVERY_ACROSS_FILESYSTEM",
          "GIT_NAMESPACE",
          "GIT_CONFIG",
          "GIT_CONFIG_PARAMETERS",
          "GIT_CONFIG_COUNT",
          "GIT_CONFIG_GLOBAL",
          "GIT_CONFIG_SYSTEM",
          "GIT_CONFIG_NOSYSTEM");

  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  /**
   * Refs kept per work tree (in the work tree's own git directory), as git's files backend does.
   */
  private static final List<String> PER_WORKTREE =
      List.of("refs/bisect/", "refs/worktree/", "refs/rewritten/");

  private final Path gitDir;
  private final Path commonDir;
  private final String config;

  private GitFiles(Path gitDir, Path commonDir, String config) {
    this.gitDir = gitDir;
    this.commonDir = commonDir;
    this.config = config;
  }

  /** The outcome of looking for the repository of a directory. */
  sealed interface Found permits None, Unsure, Repository {}

  /** No repository holds the directory: git would say so too. */
  record None() implements Found {}

  /** A layout or setting this class does not read: ask git. */
  record Unsure() implements Found {}

  /** A repository in the files backend. */
  record Repository(GitFiles files) implements Found {}

  /**
   * Looks for the repository holding {@code dir} as git does: from the directory's real path up to
   * the root, a {@code .git} directory or a {@code .git} file naming one ({@code gitdir:}, as
   * worktrees and submodules have).
   */
  static Found find(Path dir, Map<String, String> env) {
    for (String v : MOVING_VARIABLES) {
      if (env.containsKey(v)) {
        return new Unsure();
      }
    }
    Path d;
    try {
      d = dir.toRealPath();
    } catch (IOException e) {
      return new Unsure();
    }
    for (; d != null; d = d.getParent()) {
      Path dotGit = d.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return open(dotGit);
      }
      if (Files.isRegularFile(dotGit)) {
        String text = read(dotGit);
        if (text == null || !text.startsWith("gitdir:")) {
          return new Unsure();
        }
        return open(d.resolve(text.substring("gitdir:".length()).strip()).normalize());
      }
      // A bare repository (or the inside of a git directory) is git's too: left to git.
      if (Files.isRegularFile(d.resolve("HEAD")) && Files.isDirectory(d.resolve("objects"))) {
        return new Unsure();
      }
    }
    return new None();
  }

  private static Found open(Path gitDir) {
    String common = read(gitDir.resolve("commondir"));
    Path commonDir = common == null ? gitDir : gitDir.resolve(common.strip()).normalize();
    String config = read(commonDir.resolve("config"));
    if (config == null
        || !Files.isRegularFile(gitDir.resolve("HEAD"))
        || Files.exists(commonDir.resolve("reftable"))) {
      return new Unsure();
    }
    String lower = config.toLowerCase(Locale.ROOT);
    // The reftable backend, configuration read from elsewhere, per-worktree configuration.
    if (lower.contains("refstorage")
        || lower.contains("include")
        || lower.contains("worktreeconfig")) {
      return new Unsure();
    }
    return new Repository(new GitFiles(gitDir, commonDir, config));
  }

  /** The object id {@code HEAD} resolves to; empty on an unborn branch. */
  String headCommit() throws AskGit {
    String target = read(gitDir.resolve("HEAD"));
    for (int depth = 0; target != null && depth < 5; depth++) {
      target = target.strip();
      if (OBJECT_ID.matcher(target).matches()) {
        return target;
      }
      if (!target.startsWith("ref: ")) {
        throw new AskGit();
      }
      String name = target.substring("ref: ".length()).strip();
      if (!name.startsWith("refs/")) {
        throw new AskGit();
      }
      target = ref(name);
      if (target == null) {
        return ""; // an unborn branch: no commit yet
      }
    }
    throw new AskGit();
  }

  /**
   * The branch checked out, as {@code git symbolic-ref --short HEAD} names it; null on a detached
   * {@code HEAD}; asks git where the short name could be ambiguous (a tag or other ref of the same
   * name) or {@code HEAD} names something other than a branch.
   */
  @Nullable String branch() throws AskGit {
    String head = read(gitDir.resolve("HEAD"));
    if (head == null) {
      throw new AskGit();
    }
    head = head.strip();
    if (!head.startsWith("ref: ")) {
      if (OBJECT_ID.matcher(head).matches()) {
        return null;
      }
      throw new AskGit();
    }
    String name = head.substring("ref: ".length()).strip();
    if (!name.startsWith("refs/heads/")) {
      throw new AskGit();
    }
    String shortName = name.substring("refs/heads/".length());
    // git shortens to the name alone only where no other ref rule would match it.
    for (String other :
        List.of(
            shortName,
            "refs/" + shortName,
            "refs/tags/" + shortName,
            "refs/remotes/" + shortName,
            "refs/remotes/" + shortName + "/HEAD")) {
      if (Files.exists(gitDir.resolve(other))
          || Files.exists(commonDir.resolve(other))
          || packed(other) != null) {
        throw new AskGit();
      }
    }
    return shortName;
  }

  /**
   * {@code remote.origin.url} of the repository's configuration file, as {@code git config --get}
   * gives it (the last one); asks git where there is none there (git also reads the user's and the
   * system's files) or the file is written in a way this reader does not follow.
   */
  String originUrl() throws AskGit {
    String url = null;
    boolean inOrigin = false;
    for (String raw : config.split("\n", -1)) {
      String line = raw.strip();
      if (line.endsWith("\\")) {
        throw new AskGit(); // a value continued on the next line
      }
      if (line.startsWith("[")) {
        String header = line.replaceAll("\\s+", " ");
        if (header.toLowerCase(Locale.ROOT).startsWith("[remote.")) {
          throw new AskGit(); // the old [remote.origin] form
        }
        // The section's name in any case, the remote's name (a subsection) exactly.
        inOrigin = header.matches("(?i:\\[remote) \"origin\"\\].*");
        if (header.contains("]") && !header.substring(header.indexOf(']') + 1).isBlank()) {
          String after = header.substring(header.indexOf(']') + 1).strip();
          if (!after.startsWith("#") && !after.startsWith(";")) {
            throw new AskGit(); // a key on the header's line
          }
        }
        continue;
      }
      if (!inOrigin) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      if (key.equalsIgnoreCase("url")) {
        if (eq < 0) {
          throw new AskGit(); // a key without a value is "true"
        }
        String value = value(line.substring(eq + 1));
        if (value == null) {
          throw new AskGit();
        }
        url = value;
      }
    }
    if (url == null) {
      throw new AskGit();
    }
    return url;
  }

  /** A configuration value: quotes removed, escapes read, a comment after it dropped. */
  private static @Nullable String value(String text) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    int pendingSpace = 0;
    String s = text.strip();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!quoted && (c == '#' || c == ';')) {
        break;
      }
      if (c == '"') {
        quoted = !quoted;
        continue;
      }
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          return null;
        }
        char e = s.charAt(++i);
        switch (e) {
          case '"', '\\' -> out.append(e);
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          default -> {
            return null;
          }
        }
        continue;
      }
      if (!quoted && Character.isWhitespace(c)) {
        pendingSpace++;
        continue;
      }
      if (pendingSpace > 0 && out.length() > 0) {
        out.append(" ".repeat(pendingSpace));
      }
      pendingSpace = 0;
      out.append(c);
    }
    return quoted ? null : out.toString();
  }

  /** A ref's file content (an object id or {@code ref: ...}); null when there is no such ref. */
  private @Nullable String ref(String name) throws AskGit {
    boolean perWorktree = PER_WORKTREE.stream().anyMatch(name::startsWith);
    Path loose = (perWorktree ? gitDir : commonDir).resolve(name);
    if (Files.isRegularFile(loose)) {
      String text = read(loose);
      if (text == null) {
        throw new AskGit();
      }
      return text;
    }
    if (Files.isDirectory(loose)) {
      throw new AskGit();
    }
    return perWorktree ? null : packed(name);
  }

  /** The object id {@code packed-refs} gives {@code name}; null when it has none. */
  private @Nullable String packed(String name) {
    String packed = read(commonDir.resolve("packed-refs"));
    if (packed == null) {
      return null;
    }
    for (String line : packed.split("\n", -1)) {
      int space = line.indexOf(' ');
      if (space > 0
          && !line.startsWith("#")
          && !line.startsWith("^")
          && line.substring(space + 1).strip().equals(name)) {
        return line.substring(0, space);
      }
    }
    return null;
  }

  private static @Nullable String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
