package dev.baton.cli;

import dev.baton.core.errors.UsageException;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.ModelRegistry;
import dev.baton.core.history.ModelRows.Alias;
import dev.baton.core.history.ModelRows.AliasMove;
import dev.baton.core.history.ModelRows.Version;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton alias set|list|history}: point aliases (champion, staging) at model versions. */
@Command(
    name = "alias",
    description =
        "Point an alias (champion, staging, ...) of a named artifact at one of its versions, and"
            + " show the aliases and who moved them.",
    mixinStandardHelpOptions = true,
    subcommands = {
      AliasCommand.Set.class,
      AliasCommand.ListAliases.class,
      AliasCommand.History.class
    })
final class AliasCommand implements Callable<Integer> {
  private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern TARGET = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)@([0-9]{1,9})");

  @Override
  public Integer call() {
    throw new UsageException("name what to do: baton alias set|list|history (see --help)");
  }

  /** {@code baton alias set NAME@VERSION ALIAS [--reason TEXT]}. */
  @Command(
      name = "set",
      description =
          "Point ALIAS of NAME at VERSION; the move is recorded (who, when, why, the version's"
              + " run, the version before).",
      mixinStandardHelpOptions = true)
  static final class Set implements Callable<Integer> {
    @Mixin HistoryOptions store;

    @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "Such as model@3.")
    String target;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "Such as champion.")
    String alias;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit).")
    String reason = "";

    @Override
    public Integer call() {
      var m = TARGET.matcher(target);
      if (!m.matches()) {
        throw new UsageException(
            "'"
                + target
                + "' is not NAME@VERSION; write the artifact and a version, such as"
                + " model@3");
      }
      if (!ID.matcher(alias).matches()) {
        throw new UsageException(
            "alias '"
                + alias
                + "' is not an identifier; use letters, digits, '_' and '-', such"
                + " as champion");
      }
      AliasMove move;
      try (HistoryStore s = store.open()) {
        ModelRegistry models = s.models();
        Version v = ModelsCommand.requireVersion(models, m.group(1), Integer.parseInt(m.group(2)));
        move = models.setAlias(v, alias, who(System.getenv()), reason, Instant.now());
      }
      Console.out()
          .println(
              move.name()
                  + "@"
                  + move.alias()
                  + " → version "
                  + move.version()
                  + (move.previous() == null ? " (new alias)" : " (was " + move.previous() + ")")
                  + ", made by run "
                  + move.runId());
      return 0;
    }
  }

  /** {@code baton alias list [NAME]}. */
  @Command(
      name = "list",
      description = "Show where each alias points.",
      mixinStandardHelpOptions = true)
  static final class ListAliases implements Callable<Integer> {
    @Mixin HistoryOptions store;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One artifact.")
    String name;

    @Override
    public Integer call() {
      List<Alias> aliases;
      try (HistoryStore s = store.open()) {
        if (name != null) {
          ModelsCommand.requireName(s.models(), name);
        }
        aliases = s.models().aliases(name);
      }
      for (Alias a : aliases) {
        Console.out()
            .printf(
                Locale.ROOT,
                "%-16s %-12s %7d  %-16s %s%n",
                a.name(),
                a.alias(),
                a.version(),
                a.setBy(),
                a.setAt());
      }
      if (aliases.isEmpty()) {
        Console.out().println("(no aliases yet: baton alias set NAME@VERSION ALIAS)");
      }
      return 0;
    }
  }

  /** {@code baton alias history NAME}: the audit trail. */
  @Command(
      name = "history",
      description = "Show every move of the aliases of NAME, oldest first.",
      mixinStandardHelpOptions = true)
  static final class History implements Callable<Integer> {
    @Mixin HistoryOptions store;

    @Parameters(index = "0", paramLabel = "NAME", description = "The artifact.")
    String name;

    @Override
    public Integer call() {
      List<AliasMove> moves;
      try (HistoryStore s = store.open()) {
        ModelsCommand.requireName(s.models(), name);
        moves = s.models().history(name);
      }
      for (AliasMove m : moves) {
        Console.out()
            .printf(
                Locale.ROOT,
                "%s  %s@%s → %d (was %s)  by %s  run %s%s%n",
                m.setAt(),
                m.name(),
                m.alias(),
                m.version(),
                m.previous() == null ? "-" : m.previous().toString(),
                m.setBy(),
                m.runId(),
                m.reason().isEmpty() ? "" : "  \"" + m.reason() + "\"");
      }
      if (moves.isEmpty()) {
        Console.out().println("(no alias of '" + name + "' was ever set)");
      }
      return 0;
    }
  }

  /** Who moves an alias: BATON_USER, else the CI's user, else the account. */
  static String who(Map<String, String> env) {
    for (String v : List.of("BATON_USER", "GITHUB_ACTOR", "GITLAB_USER_LOGIN", "BUILD_USER_ID")) {
      String value = env.getOrDefault(v, "");
      if (!value.isBlank()) {
        return value;
      }
    }
    return System.getProperty("user.name", "unknown");
  }
}
