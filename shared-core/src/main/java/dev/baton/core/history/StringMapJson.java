package dev.baton.core.history;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the one JSON shape the store keeps per run row, a flat object of strings ({@code
 * {"rows":"400","seed":"7"}}), without a JSON library: listing runs reads it for every row, and
 * making Jackson's deserializers for it costs more than the rest of the listing. Anything else
 * (numbers, nesting, a syntax error) is left to the caller's general parser.
 */
final class StringMapJson {
  private final String text;
  private int at;

  private StringMapJson(String text) {
    this.text = text;
  }

  /** The object's entries in order, or empty when {@code json} is not a flat object of strings. */
  static Optional<Map<String, String>> parse(String json) {
    try {
      return Optional.ofNullable(new StringMapJson(json).object());
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty(); // cut short
    }
  }

  private @Nullable Map<String, String> object() {
    Map<String, String> out = new LinkedHashMap<>();
    space();
    if (text.charAt(at++) != '{') {
      return null;
    }
    space();
    if (text.charAt(at) == '}') {
      at++;
      return end() ? out : null;
    }
    while (true) {
      String key = string();
      space();
      if (key == null || text.charAt(at++) != ':') {
        return null;
      }
      space();
      String value = string();
      if (value == null) {
        return null;
      }
      out.put(key, value);
      space();
      char c = text.charAt(at++);
      if (c == '}') {
        return end() ? out : null;
      }
      if (c != ',') {
        return null;
      }
      space();
    }
  }

  private boolean end() {
    space();
    return at == text.length();
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private @Nullable String string() {
    if (text.charAt(at++) != '"') {
      return null;
    }
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        return null;
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = text.charAt(at++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at++), 16);
            if (digit < 0) {
              return null;
            }
            code = code * 16 + digit;
          }
          b.append((char) code);
        }
        default -> {
          return null;
        }
      }
    }
  }
}
