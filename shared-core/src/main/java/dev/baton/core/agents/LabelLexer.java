package dev.baton.core.agents;

import java.util.ArrayList;
import java.util.List;

/** Splits a label expression into tokens, rejecting characters Jenkins would not accept. */
final class LabelLexer {

  enum Kind {
    LABEL,
    AND,
    OR,
    NOT,
    IMPLIES,
    IFF,
    OPEN,
    CLOSE,
    END
  }

  /** One token; {@code text} is the label for {@link Kind#LABEL}, else the operator as written. */
  record Token(Kind kind, String text, int offset) {}

  private final String text;
  private int pos;

  private LabelLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    return new LabelLexer(text).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      if (pos >= text.length()) {
        tokens.add(new Token(Kind.END, "end", text.length()));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = pos;
    char c = text.charAt(pos);
    if (text.startsWith("&&", pos)) {
      return operator(Kind.AND, "&&");
    } else if (text.startsWith("||", pos)) {
      return operator(Kind.OR, "||");
    } else if (text.startsWith("->", pos)) {
      return operator(Kind.IMPLIES, "->");
    } else if (text.startsWith("<->", pos)) {
      return operator(Kind.IFF, "<->");
    } else if (c == '!') {
      return operator(Kind.NOT, "!");
    } else if (c == '(') {
      return operator(Kind.OPEN, "(");
    } else if (c == ')') {
      return operator(Kind.CLOSE, ")");
    } else if (c == '"') {
      return quoted();
    } else if (isLabelChar(c)) {
      // A '-' directly followed by '>' starts '->', so "a->b" reads as "a -> b".
      while (pos < text.length() && isLabelChar(text.charAt(pos)) && !text.startsWith("->", pos)) {
        pos++;
      }
      return new Token(Kind.LABEL, text.substring(start, pos), start);
    }
    throw unexpected(c, start);
  }

  private Token operator(Kind kind, String op) {
    Token token = new Token(kind, op, pos);
    pos += op.length();
    return token;
  }

  private Token quoted() {
    int start = pos++;
    StringBuilder label = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != '"') {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      label.append(c);
    }
    if (pos >= text.length()) {
      throw new LabelExpressionException(
          text, start, "the quoted label is never closed", "end it with '\"'");
    }
    pos++;
    if (label.length() == 0) {
      throw new LabelExpressionException(
          text, start, "empty quoted label", "write a label between the quotes or remove them");
    }
    return new Token(Kind.LABEL, label.toString(), start);
  }

  private LabelExpressionException unexpected(char c, int at) {
    String hint;
    if (c == '&') {
      hint = "use '&&'";
    } else if (c == '|') {
      hint = "use '||'";
    } else if (c == '<' || c == '>') {
      hint = "use '->' or '<->'";
    } else if (c == '=') {
      hint = "a label matches by its name alone; combine labels with && || ! -> <->";
    } else {
      hint = "labels use letters, digits, '-', '.' and '_'; quote any other label: \"my label\"";
    }
    return new LabelExpressionException(text, at, "unexpected '" + c + "'", hint);
  }

  private static boolean isLabelChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_';
  }
}
