package dev.baton.core.exec.local;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises shell commands that are only plain words ({@code python3 train.py --lr 0.01}), which
 * run without a shell in between exactly as GNU make does: one process fewer per step, same
 * meaning.
 */
final class SimpleCommands {
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_./=:,+@%-]+( +[A-Za-z0-9_./=:,+@%-]+)*");
  private static final Set<String> BUILTINS =
      Set.of(
          ".",
          ":",
          "alias",
          "break",
          "cd",
          "continue",
          "eval",
          "exec",
          "exit",
          "export",
          "read",
          "readonly",
          "return",
          "set",
          "shift",
          "source",
          "times",
          "trap",
          "ulimit",
          "umask",
          "unalias",
          "unset",
          "wait",
          "command",
          "type",
          "hash",
          "getopts",
          "jobs",
          "fg",
          "bg",
          "local");

  private SimpleCommands() {}

  /** The argv of a plain command, or null when it needs a shell. */
  static @Nullable List<String> argv(String script) {
    String s = script.strip();
    if (!PLAIN.matcher(s).matches()) {
      return null;
    }
    List<String> words = Arrays.asList(s.split(" +"));
    if (BUILTINS.contains(words.get(0)) || words.get(0).contains("=")) {
      return null;
    }
    return words;
  }
}
