package dev.baton.core.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Splits expression text into tokens; every mistake is reported at its character offset. */
final class Lexer {
  private static final int MAX_EXPONENT_DIGITS = 3;

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private Lexer(String text) {
    this.text = text;
  }

  static List<Token> tokenize(String text) {
    Lexer lexer = new Lexer(text);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        tokens.add(new Token(Token.Type.EOF, text.length(), "", null));
        return;
      }
      char c = text.charAt(pos);
      if (c == '\'' || c == '"') {
        string(c);
      } else if (isDigit(c) || (c == '-' && isDigit(peek(1)))) {
        number();
      } else if (isNameStart(c)) {
        name();
      } else {
        symbol(c);
      }
    }
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  /** A quoted string; the quote character is escaped by doubling it, as in SQL and YAML. */
  private void string(char quote) {
    int start = pos;
    StringBuilder value = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length()) {
        throw new ExpressionException(
            start,
            "unterminated string",
            "close it with "
                + quote
                + " (write "
                + quote
                + quote
                + " for a "
                + quote
                + " inside it)");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        if (pos < text.length() && text.charAt(pos) == quote) {
          value.append(quote);
          pos++;
          continue;
        }
        emit(Token.Type.STRING, start, value.toString());
        return;
      }
      value.append(c);
    }
  }

  private void number() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    digits();
    if (peek(0) == '.' && isDigit(peek(1))) {
      pos++;
      digits();
    }
    if (peek(0) == 'e' || peek(0) == 'E') {
      int mark = pos;
      pos++;
      if (peek(0) == '+' || peek(0) == '-') {
        pos++;
      }
      int exponentStart = pos;
      digits();
      if (pos == exponentStart || pos - exponentStart > MAX_EXPONENT_DIGITS) {
        pos = mark;
        throw invalidNumber(start);
      }
    }
    if (isNameStart(peek(0)) || isDigit(peek(0)) || peek(0) == '.') {
      throw invalidNumber(start);
    }
    emit(Token.Type.NUMBER, start, new BigDecimal(text.substring(start, pos)));
  }

  private ExpressionException invalidNumber(int start) {
    int end = pos;
    while (end < text.length() && (isNameChar(text.charAt(end)) || text.charAt(end) == '.')) {
      end++;
    }
    return new ExpressionException(
        start,
        "invalid number '" + text.substring(start, end) + "'",
        "write numbers like 3, -1 or 0.001, and quote text, like '"
            + text.substring(start, end)
            + "'");
  }

  /** A dotted name; segments may contain '-' between other name characters (params.my-param). */
  private void name() {
    int start = pos;
    while (true) {
      while (isNameChar(peek(0)) || (peek(0) == '-' && isNameChar(peek(1)))) {
        pos++;
      }
      if (peek(0) != '.') {
        break;
      }
      if (!isNameChar(peek(1))) {
        throw new ExpressionException(
            pos + 1, "expected a name after '.'", "write dotted names like params.dataset");
      }
      pos++;
    }
    String word = text.substring(start, pos);

    Token.Type type =
        switch (word) {
          case "true" -> Token.Type.TRUE;
          case "false" -> Token.Type.FALSE;
          case "null" -> Token.Type.NULL;
          case "in" -> Token.Type.IN;
          default -> Token.Type.NAME;
        };
    emit(type, start, null);
  }

  private void symbol(char c) {
    char next = peek(1);
    switch (c) {
      case '(' -> symbol(Token.Type.LPAREN, 1);
      case ')' -> symbol(Token.Type.RPAREN, 1);
      case '[' -> symbol(Token.Type.LBRACKET, 1);
      case ']' -> symbol(Token.Type.RBRACKET, 1);
      case ',' -> symbol(Token.Type.COMMA, 1);
      case '<' -> pair(next == '=', Token.Type.LE, Token.Type.LT);
      case '>' -> pair(next == '=', Token.Type.GE, Token.Type.GT);
      case '!' -> pair(next == '=', Token.Type.NE, Token.Type.NOT);
      case '=' -> doubled(next == '=', Token.Type.EQ, "use '==' to compare");
      case '&' -> doubled(next == '&', Token.Type.AND, "use '&&'");
      case '|' -> doubled(next == '|', Token.Type.OR, "use '||'");
      default -> throw LexerErrors.unexpectedCharacter(text, pos);
    }
  }

  private void pair(boolean isPair, Token.Type pairType, Token.Type singleType) {
    symbol(isPair ? pairType : singleType, isPair ? 2 : 1);
  }

  private void doubled(boolean isDoubled, Token.Type type, String hintWhenSingle) {
    if (!isDoubled) {
      throw new ExpressionException(pos, "unexpected '" + text.charAt(pos) + "'", hintWhenSingle);
    }
    symbol(type, 2);
  }

  private void symbol(Token.Type type, int length) {
    int start = pos;
    pos += length;
    emit(type, start, null);
  }

  /** Adds a token that runs from {@code start} to the current position. */
  private void emit(Token.Type type, int start, @Nullable Object value) {
    tokens.add(new Token(type, start, text.substring(start, pos), value));
  }

  private void digits() {
    while (isDigit(peek(0))) {
      pos++;
    }
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || isDigit(c);
  }
}
