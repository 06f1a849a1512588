package dev.baton.core.report;

import java.util.regex.Pattern;

/**
 * Cleans text that came from step logs before it goes into a report: terminal colour codes are
 * removed and characters that XML 1.0 forbids (most control characters, lone surrogates) are
 * dropped, so a stray escape byte in a log can never make junit.xml unreadable.
 */
public final class TextSanitizer {
  // CSI sequences (colours, cursor moves) and OSC sequences (window titles, hyperlinks).
  private static final Pattern ANSI =
      Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?");

  private TextSanitizer() {}

  /** Removes terminal escape sequences and every character XML 1.0 does not allow. */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    return xmlSafe(ANSI.matcher(text).replaceAll(""));
  }

  /** Drops the characters XML 1.0 does not allow; tab, newline and carriage return stay. */
  public static String xmlSafe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      if (isXmlChar(codePoint)) {
        out.appendCodePoint(codePoint);
      }
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }

  private static boolean isXmlChar(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
