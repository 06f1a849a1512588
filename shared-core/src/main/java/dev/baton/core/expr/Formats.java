package dev.baton.core.expr;

import java.util.List;

/**
 * {@code format('{0} of {1}', a, b)} as in GitHub Actions: {@code {N}} is the N-th value after the
 * format, doubled braces are literal braces, and any other brace is an error.
 */
final class Formats {
  private Formats() {}

  static Object format(List<Object> args, int offset) {
    String pattern = Values.toText(args.get(0), offset);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '{' && at(pattern, i + 1) == '{') {
        out.append('{');
        i++;
      } else if (c == '}' && at(pattern, i + 1) == '}') {
        out.append('}');
        i++;
      } else if (c == '{') {
        int close = pattern.indexOf('}', i);
        String index = close < 0 ? "" : pattern.substring(i + 1, close);
        if (!index.matches("\\d{1,2}")) {
          throw invalid(pattern, offset);
        }
        int n = Integer.parseInt(index);
        if (n + 1 >= args.size()) {
          throw new ExpressionException(
              offset,
              "format refers to {" + n + "} but has " + (args.size() - 1) + " value(s) after it",
              "pass a value for each {N}, counting from {0}");
        }
        out.append(Values.toText(args.get(n + 1), offset));
        i = close;
      } else if (c == '}') {
        throw invalid(pattern, offset);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private static ExpressionException invalid(String pattern, int offset) {
    String shown = pattern.length() > 40 ? pattern.substring(0, 37) + "..." : pattern;
    return new ExpressionException(
        offset,
        "invalid format string '" + shown + "'",
        "write {0}, {1}... for the values, and {{ or }} for a literal brace");
  }
}
