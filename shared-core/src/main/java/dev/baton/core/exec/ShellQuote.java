package dev.baton.core.exec;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** POSIX shell quoting: every value becomes one literal word, whatever it contains. */
public final class ShellQuote {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ShellQuote() {}

  /** {@code it's} becomes {@code 'it'\''s'}: single quotes end only at a single quote. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  public static String quoteAll(List<String> words) {
    return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }

  /** Whether {@code name} can be exported by a POSIX shell. */
  public static boolean isVariableName(String name) {
    return NAME.matcher(name).matches();
  }
}
