package dev.baton.jenkins.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Jenkins label expressions ({@code && || ! -> <->}, parentheses, quoted atoms) evaluated against
 * an agent's labels, so the test runtime's {@code node(label)} chooses agents the way Jenkins does.
 */
final class LabelMatcher {
  private final List<String> tokens;
  private int pos;

  private LabelMatcher(String expression) {
    this.tokens = tokenize(expression);
  }

  /** Whether an agent carrying {@code labels} satisfies {@code expression}; blank matches all. */
  static boolean matches(String expression, Set<String> labels) {
    return parse(expression).test(labels);
  }

  static Predicate<Set<String>> parse(String expression) {
    if (expression == null || expression.isBlank()) {
      return labels -> true;
    }
    LabelMatcher parser = new LabelMatcher(expression);
    Predicate<Set<String>> root = parser.iff();
    if (parser.pos != parser.tokens.size()) {
      throw new IllegalArgumentException(
          "unexpected '" + parser.tokens.get(parser.pos) + "' in label expression " + expression);
    }
    return root;
  }

  // Precedence, loosest first, as in Jenkins' LabelExpression grammar: <->, ->, ||, &&, !.
  private Predicate<Set<String>> iff() {
    Predicate<Set<String>> left = implies();
    while (accept("<->")) {
      Predicate<Set<String>> l = left;
      Predicate<Set<String>> r = implies();
      left = labels -> l.test(labels) == r.test(labels);
    }
    return left;
  }

  private Predicate<Set<String>> implies() {
    Predicate<Set<String>> left = or();
    if (accept("->")) {
      Predicate<Set<String>> r = implies();
      return labels -> !left.test(labels) || r.test(labels);
    }
    return left;
  }

  private Predicate<Set<String>> or() {
    Predicate<Set<String>> left = and();
    while (accept("||")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<Set<String>> and() {
    Predicate<Set<String>> left = not();
    while (accept("&&")) {
      left = left.and(not());
    }
    return left;
  }

  private Predicate<Set<String>> not() {
    return accept("!") ? not().negate() : atom();
  }

  private Predicate<Set<String>> atom() {
    if (accept("(")) {
      Predicate<Set<String>> inner = iff();
      if (!accept(")")) {
        throw new IllegalArgumentException("missing ')' in label expression");
      }
      return inner;
    }
    if (pos >= tokens.size() || isOperator(tokens.get(pos))) {
      throw new IllegalArgumentException("expected a label at token " + pos);
    }
    String label = unquote(tokens.get(pos++));
    return labels -> labels.contains(label);
  }

  private boolean accept(String token) {
    if (pos < tokens.size() && tokens.get(pos).equals(token)) {
      pos++;
      return true;
    }
    return false;
  }

  private static boolean isOperator(String token) {
    return List.of("&&", "||", "!", "->", "<->", "(", ")").contains(token);
  }

  private static String unquote(String token) {
    return token.startsWith("\"") ? token.substring(1, token.length() - 1) : token;
  }

  private static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("<->", i)) {
        out.add("<->");
        i += 3;
      } else if (text.startsWith("&&", i) || text.startsWith("||", i) || text.startsWith("->", i)) {
        out.add(text.substring(i, i + 2));
        i += 2;
      } else if (c == '!' || c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote in label expression " + text);
        }
        out.add(text.substring(i, end + 1));
        i = end + 1;
      } else {
        int start = i;
        while (i < text.length() && isAtomChar(text, i)) {
          i++;
        }
        out.add(text.substring(start, i));
      }
    }
    return out;
  }

  private static boolean isAtomChar(String text, int i) {
    char c = text.charAt(i);
    if (Character.isWhitespace(c) || c == '!' || c == '(' || c == ')' || c == '"') {
      return false;
    }
    return !(text.startsWith("&&", i)
        || text.startsWith("||", i)
        || text.startsWith("->", i)
        || text.startsWith("<->", i));
  }
}
