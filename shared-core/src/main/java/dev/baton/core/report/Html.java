package dev.baton.core.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Escaping for report.html: every piece of run data goes through here before it is written. */
final class Html {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private Html() {}

  /** Text or attribute content: log garbage removed, {@code & < > " '} escaped. */
  static String esc(String text) {
    String clean = TextSanitizer.clean(text);
    StringBuilder out = new StringBuilder(clean.length() + 16);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A relative URL for a path relative to the report directory, each segment percent-encoded, so
   * {@code logs/train[lr=0.01].log} links to that file and nothing in a step id can leave the
   * attribute or become a scheme such as {@code javascript:}. Null for paths that are not relative.
   */
  static @Nullable String relativeUrl(@Nullable String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    String normalized = path.replace('\\', '/');
    // Absolute paths (POSIX, UNC, Windows drives) cannot be linked from an archived report.
    if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:/.*")) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (byte b : normalized.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c == '/' || UNRESERVED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** A CSS class name for a free-text value: {@code rolled back} becomes {@code rolled-back}. */
  static String cssToken(String value) {
    String token =
        value == null ? "" : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    token = token.replaceAll("^-+|-+$", "");
    return token.isEmpty() ? "none" : token;
  }

  /** A number as SVG coordinates need it: a dot, at most two decimals, no trailing zeros. */
  static String num(double value) {
    if (Double.isFinite(value)) {
      // What %.2f prints (half-up on the shortest decimal form), without a Formatter and a regex
      // per number: a trends page over a thousand runs has tens of thousands of them.
      String text =
          BigDecimal.valueOf(value)
              .setScale(2, RoundingMode.HALF_UP)
              .stripTrailingZeros()
              .toPlainString();
      return text.equals("-0") ? "0" : text;
    }
    String text = String.format(Locale.ROOT, "%.2f", value);
    text = text.replaceAll("\\.?0+$", "");
    return text.equals("-0") ? "0" : text;
  }

  /** A measured value for people: three significant digits or so ({@code 41.2}, {@code 0.873}). */
  static String value(double value) {
    double abs = Math.abs(value);
    String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
