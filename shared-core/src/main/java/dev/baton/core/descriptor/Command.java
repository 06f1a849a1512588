package dev.baton.core.descriptor;

import java.util.List;

/**
 * What a step runs: a shell script ({@code run: "..."}) or an argument vector ({@code run: [..]}).
 */
public sealed interface Command {

  /** Runs under {@code sh -c}; {@code ${{ }}} values are substituted shell-quoted. */
  record Shell(String script) implements Command {}

  /** Runs as argv with no shell; each {@code ${{ }}} value stays inside its own argument. */
  record Argv(List<String> args) implements Command {
    public Argv {
      args = List.copyOf(args);
    }
  }

  /** How the command reads in messages and plans. */
  default String display() {
    if (this instanceof Shell s) {
      return s.script();
    }
    return String.join(" ", ((Argv) this).args());
  }
}
