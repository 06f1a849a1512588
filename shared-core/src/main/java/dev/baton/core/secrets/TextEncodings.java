package dev.baton.core.secrets;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How programs commonly print a string inside other text: JSON string literals, URL encodings and
 * shell quoting, each in the variants common libraries and tools produce. Every method returns the
 * text between the delimiters (no surrounding quotes), so a form matches wherever the string sits.
 */
final class TextEncodings {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** RFC 3986 unreserved characters, never encoded by any convention below. */
  private static final String UNRESERVED = ALNUM + "-._~";

  /**
   * What each URL-encoding convention leaves as it is: RFC 3986 (curl, Go's PathEscape-like
   * encoders), Python's {@code quote} (safe {@code /}), JavaScript's {@code encodeURIComponent} and
   * {@code encodeURI}, HTML forms as Java's {@code URLEncoder} writes them, PHP's {@code
   * urlencode}.
   */
  private static final String[] URL_KEEP = {
    UNRESERVED,
    UNRESERVED + "/",
    UNRESERVED + "!'()*",
    UNRESERVED + "!'()*;,/?:@&=+$#",
    ALNUM + ".-*_",
    ALNUM + ".-_",
  };

  private TextEncodings() {}

  /**
   * JSON string literals of {@code value}: non-ASCII as {@code \\uXXXX} (Python's {@code
   * json.dumps}, Jackson's ASCII mode) or raw UTF-8 (JavaScript, Jackson, Python with {@code
   * ensure_ascii=False}); hex in either case; {@code /} plain or as {@code \/} (PHP); {@code <>&}
   * plain or as {@code \\u003c} (Go's HTML-safe default).
   */
  static Set<String> json(String value) {
    Set<String> forms = new LinkedHashSet<>();
    for (int variant = 0; variant < 16; variant++) {
      forms.add(
          json(
              value,
              (variant & 1) != 0,
              (variant & 2) != 0,
              (variant & 4) != 0,
              (variant & 8) != 0));
    }
    return forms;
  }

  private static String json(
      String value, boolean asciiOnly, boolean upperHex, boolean escapeSlash, boolean htmlSafe) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '/' -> out.append(escapeSlash ? "\\/" : "/");
        default -> {
          boolean escape =
              c < 0x20
                  || (asciiOnly && c >= 0x7f)
                  || (htmlSafe && (c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029));
          if (escape) {
            // Characters beyond the BMP are already two UTF-16 units here, as JSON writes them.
            String hex = String.format("%04x", (int) c);
            out.append("\\u").append(upperHex ? hex.toUpperCase(Locale.ROOT) : hex);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Percent-encodings of {@code value}'s UTF-8 bytes, by every convention, space as + or %20. */
  static Set<String> url(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    Set<String> forms = new LinkedHashSet<>();
    for (String keep : URL_KEEP) {
      for (boolean plusForSpace : new boolean[] {false, true}) {
        for (boolean lowerHex : new boolean[] {false, true}) {
          forms.add(percentEncoded(bytes, keep, plusForSpace, lowerHex));
        }
      }
    }
    return forms;
  }

  private static String percentEncoded(
      byte[] bytes, String keep, boolean plusForSpace, boolean lowerHex) {
    StringBuilder out = new StringBuilder();
    String hex = lowerHex ? "0123456789abcdef" : "0123456789ABCDEF";
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c < 0x80 && keep.indexOf(c) >= 0) {
        out.append((char) c);
      } else if (c == ' ' && plusForSpace) {
        out.append('+');
      } else {
        out.append('%').append(hex.charAt(c >> 4)).append(hex.charAt(c & 0xf));
      }
    }
    return out.toString();
  }

  /**
   * Shell-quoted forms: inside single quotes with a quote written {@code '\''} or {@code '"'"'}
   * (Python's {@code shlex.quote}), inside double quotes, and backslash-escaped as bash's {@code
   * printf %q} writes it.
   */
  static Set<String> shell(String value) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value.replace("'", "'\\''"));
    forms.add(value.replace("'", "'\"'\"'"));
    StringBuilder doubleQuoted = new StringBuilder();
    StringBuilder escaped = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ("\"\\$`".indexOf(c) >= 0) {
        doubleQuoted.append('\\');
      }
      doubleQuoted.append(c);
      char before = i == 0 ? 0 : value.charAt(i - 1);
      boolean wordStart = i == 0 || before == '=' || before == ':';
      if (" \t\n'\"\\|&;()<>!{}*[]?^$`".indexOf(c) >= 0
          || (c == '#' && i == 0)
          || (c == '~' && wordStart)) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    forms.add(doubleQuoted.toString());
    forms.add(escaped.toString());
    return forms;
  }
}
