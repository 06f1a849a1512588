package dev.baton.core.expr;

/** Explains a character the expression language has no use for, and what to write instead. */
final class LexerErrors {
  private LexerErrors() {}

  static ExpressionException unexpectedCharacter(String text, int offset) {
    int codePoint = text.codePointAt(offset);
    String shown = new String(Character.toChars(codePoint));
    String problem =
        codePoint < 0x20 || codePoint > 0x7e
            ? String.format("unexpected character '%s' (U+%04X)", shown, codePoint)
            : "unexpected '" + shown + "'";
    return new ExpressionException(offset, problem, hint(text, offset, codePoint));
  }

  private static String hint(String text, int offset, int c) {
    if (text.startsWith("${{", offset)) {
      return "write the bare expression here, without '${{ }}'";
    }
    return switch (c) {
      case '$' -> "refer to values by name without '$', like env.HOME or params.dataset";
      case '+', '-', '*', '/', '%' ->
          "arithmetic is not supported; compare values with == != < <= > >=";
      case '.' -> "write numbers with a leading digit, like 0.5, and names like params.dataset";
      case '{', '}' -> "expressions have no blocks; group conditions with ( )";
      case '?', ':' -> "there is no ?: operator; use a && b || c";
      case ';' -> "join conditions with '&&' or '||'";
      case '\u2018', '\u2019', '\u201c', '\u201d' -> "use plain ASCII quotes ' or \"";
      default -> "expressions use names, 'strings', numbers, == != < <= > >= && || ! in ( ) [ ]";
    };
  }
}
