package dev.baton.core.expr;

/** Finds where a {@code ${{ ... }}} ends, looking past '}}' inside the expression's strings. */
final class TemplateScan {
  private TemplateScan() {}

  /** Offset of the "}}" that closes the expression starting at {@code from}. */
  static int findClose(String text, int from) {
    int close = closeOutsideStrings(text, from);
    if (close >= 0) {
      return close;
    }
    int naive = text.indexOf("}}", from);
    if (naive >= 0) {
      // the "}}" is inside an unterminated string: let the parser say so precisely
      Expression.parse(text.substring(from, naive), from, true);
    }
    throw new ExpressionException(from - 3, "unclosed '${{'", "end the expression with '}}'");
  }

  private static int closeOutsideStrings(String text, int from) {
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          // a doubled quote is an escaped quote and leaves the string open: skip both
          if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
            i++;
          } else {
            quote = 0;
          }
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        return i;
      }
    }
    return -1;
  }

  /** The expression between {@code from} and {@code close}, trimmed, with offsets in the text. */
  static Expression inner(String text, int from, int close, boolean allowStatus) {
    int start = from;
    int end = close;
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return Expression.parse(text.substring(start, end), start, allowStatus);
  }
}
