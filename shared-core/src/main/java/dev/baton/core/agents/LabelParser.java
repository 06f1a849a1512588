package dev.baton.core.agents;

import dev.baton.core.agents.LabelLexer.Kind;
import dev.baton.core.agents.LabelLexer.Token;
import java.util.List;

/**
 * Recursive descent over Jenkins' precedence: {@code !} binds tightest, then {@code &&}, {@code
 * ||}, {@code ->} (right-associative) and {@code <->} (lowest).
 */
final class LabelParser {
  private final String text;
  private final List<Token> tokens;
  private int pos;

  private LabelParser(String text) {
    this.text = text;
    this.tokens = LabelLexer.tokens(text);
  }

  static LabelNode parse(String text) {
    if (text.isBlank()) {
      return new LabelNode.True();
    }
    LabelParser parser = new LabelParser(text);
    LabelNode root = parser.iff();
    parser.expectEnd();
    return root;
  }

  private LabelNode iff() {
    LabelNode left = implies();
    while (accept(Kind.IFF)) {
      left = new LabelNode.Iff(left, implies());
    }
    return left;
  }

  private LabelNode implies() {
    LabelNode left = or();
    return accept(Kind.IMPLIES) ? new LabelNode.Implies(left, implies()) : left;
  }

  private LabelNode or() {
    LabelNode left = and();
    while (accept(Kind.OR)) {
      left = new LabelNode.Or(left, and());
    }
    return left;
  }

  private LabelNode and() {
    LabelNode left = unary();
    while (accept(Kind.AND)) {
      left = new LabelNode.And(left, unary());
    }
    return left;
  }

  private LabelNode unary() {
    return accept(Kind.NOT) ? new LabelNode.Not(unary()) : primary();
  }

  private LabelNode primary() {
    Token token = tokens.get(pos);
    if (token.kind() == Kind.LABEL) {
      pos++;
      return new LabelNode.Atom(token.text());
    }
    if (token.kind() == Kind.OPEN) {
      pos++;
      if (peek() == Kind.CLOSE) {
        throw error(token.offset(), "empty parentheses", "put a label between them or remove them");
      }
      LabelNode inner = iff();
      if (peek() == Kind.END) {
        throw error(token.offset(), "'(' is never closed", "add the matching ')'");
      }
      if (peek() != Kind.CLOSE) {
        throw unexpectedHere();
      }
      pos++;
      return inner;
    }
    Token previous = pos == 0 ? null : tokens.get(pos - 1);
    if (previous == null || previous.kind() == Kind.OPEN) {
      throw error(
          token.offset(),
          "expected a label before '" + token.text() + "'",
          "write a label there or remove the '" + token.text() + "'");
    }
    throw error(
        token.offset(),
        "expected a label after '" + previous.text() + "'",
        "write a label there or remove the '" + previous.text() + "'");
  }

  private void expectEnd() {
    if (peek() != Kind.END) {
      throw unexpectedHere();
    }
  }

  private LabelExpressionException unexpectedHere() {
    Token token = tokens.get(pos);
    if (token.kind() == Kind.CLOSE) {
      return error(token.offset(), "unexpected ')'", "remove it or add the matching '('");
    }
    String what = token.kind() == Kind.LABEL ? "label '" + token.text() + "'" : token.text();
    String problem = "unexpected " + (token.kind() == Kind.LABEL ? what : "'" + what + "'");
    return error(token.offset(), problem, "join the parts with '&&' or '||'");
  }

  private boolean accept(Kind kind) {
    if (peek() == kind) {
      pos++;
      return true;
    }
    return false;
  }

  private Kind peek() {
    return tokens.get(pos).kind();
  }

  private LabelExpressionException error(int offset, String problem, String hint) {
    return new LabelExpressionException(text, offset, problem, hint);
  }
}
