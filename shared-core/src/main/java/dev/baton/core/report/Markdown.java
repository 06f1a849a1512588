package dev.baton.core.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping for GitHub-flavoured Markdown, so step ids and messages render as the text they are. */
final class Markdown {
  private static final Pattern BACKTICK_RUN = Pattern.compile("`+");
  private static final String SPECIAL = "\\`*_[]<>|#&~!";

  private Markdown() {}

  /** Text for a paragraph or table cell: punctuation escaped, line breaks become spaces. */
  static String inline(String text) {
    String clean = TextSanitizer.clean(text).replaceAll("\\R", " ");
    StringBuilder out = new StringBuilder(clean.length() + 8);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * A fenced code block whose fence is longer than any run of backticks in {@code text}, so a log
   * that prints a Markdown fence cannot end the block early.
   */
  static String codeBlock(String text) {
    String clean = TextSanitizer.clean(text);
    int longest = 0;
    Matcher run = BACKTICK_RUN.matcher(clean);
    while (run.find()) {
      longest = Math.max(longest, run.group().length());
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    String body = clean.endsWith("\n") ? clean : clean + "\n";
    return fence + "text\n" + body + fence + "\n";
  }
}
