package dev.baton.core.expr;

import java.util.List;

/** The parser's error messages, phrased by what came before the offending token. */
final class ParserErrors {
  private ParserErrors() {}

  /** An operand was due at tokens[index] but something else is there. */
  static ExpressionException expectedOperand(List<Token> tokens, int index) {
    Token found = tokens.get(index);
    Token before = index > 0 ? tokens.get(index - 1) : null;
    if (before == null && found.type() == Token.Type.EOF) {
      return new ExpressionException(
          found.offset(), "empty expression", "write a condition such as params.branch == 'main'");
    }
    if (before != null && before.type().isOperator()) {
      return new ExpressionException(
          found.offset(),
          "expected an operand after " + before.describe(),
          "put a name, 'string', number, true, false or null after it");
    }
    if (before != null && before.type() == Token.Type.LPAREN && found.type() == Token.Type.RPAREN) {
      return new ExpressionException(
          found.offset(), "empty parentheses", "put a condition between ( and ), or remove them");
    }
    return unexpected(found);
  }

  /** A complete expression was followed by more tokens. */
  static ExpressionException unexpectedAfterExpression(List<Token> tokens, int index) {
    Token found = tokens.get(index);
    if (found.type() == Token.Type.NAME
        || found.type() == Token.Type.STRING
        || found.type() == Token.Type.NUMBER
        || found.type() == Token.Type.TRUE
        || found.type() == Token.Type.FALSE
        || found.type() == Token.Type.NULL
        || found.type() == Token.Type.LPAREN
        || found.type() == Token.Type.NOT) {
      return new ExpressionException(
          found.offset(),
          "unexpected " + found.describe(),
          "join conditions with '&&' or '||', or compare with == != < <= > >= in");
    }
    return unexpected(found);
  }

  /** An opening '(' or '[' whose closing partner never came. */
  static ExpressionException unclosed(Token open, Token found, String closer) {
    if (found.type() == Token.Type.EOF) {
      return new ExpressionException(
          open.offset(), "unclosed '" + open.text() + "'", "add a matching '" + closer + "'");
    }
    String hint =
        closer.equals("]")
            ? "separate list items with ',' and end the list with ']'"
            : "expected ')' to close the '(' at offset " + open.offset();
    return new ExpressionException(found.offset(), "unexpected " + found.describe(), hint);
  }

  private static ExpressionException unexpected(Token found) {

    String hint =
        switch (found.type()) {
          case RPAREN -> "remove it or add the matching '('";
          case RBRACKET -> "remove it or add the matching '['";
          case COMMA -> "commas only separate list items, like ['a', 'b']";
          case EOF -> "the expression ends too early";
          default -> "";
        };
    return new ExpressionException(found.offset(), "unexpected " + found.describe(), hint);
  }
}
