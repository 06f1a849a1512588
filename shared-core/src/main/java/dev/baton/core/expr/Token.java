package dev.baton.core.expr;

import org.jspecify.annotations.Nullable;

/**
 * One lexical token of an expression.
 *
 * @param text the token exactly as written in the source
 * @param value the decoded value of a literal (String or BigDecimal), otherwise null
 */
record Token(Type type, int offset, String text, @Nullable Object value) {

  /** Kinds of token; comparison kinds carry the operator they stand for. */
  enum Type {
    NAME,
    STRING,
    NUMBER,
    TRUE,
    FALSE,
    NULL,
    IN,
    AND,
    OR,
    NOT,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    EOF;

    boolean isComparison() {
      return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }

    /** Tokens after which an operand must follow. */
    boolean isOperator() {
      return isComparison() || this == AND || this == OR || this == NOT || this == IN;
    }
  }

  /** How an error message names this token. */
  String describe() {
    if (type == Type.EOF) {
      return "end of expression";
    }
    String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
    return type == Type.STRING ? shown : "'" + shown + "'";
  }
}
