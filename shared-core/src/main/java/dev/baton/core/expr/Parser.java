package dev.baton.core.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser: {@code ||} binds loosest, then {@code &&}, then one comparison or
 * {@code in}, then {@code !}. Nesting is capped so hostile input fails with a message, not a
 * StackOverflowError.
 */
final class Parser {
  static final int MAX_DEPTH = 64;

  private final List<Token> tokens;
  private final boolean allowStatus;
  private final Set<StatusFunction> statusUsed;
  private int index;
  private int depth;

  private Parser(List<Token> tokens, boolean allowStatus, Set<StatusFunction> statusUsed) {
    this.tokens = tokens;
    this.allowStatus = allowStatus;
    this.statusUsed = statusUsed;
  }

  /**
   * Parses {@code text}. A {@linkplain StatusFunction status function} is an error unless {@code
   * allowStatus} (a step's {@code when}); those called are added to {@code statusUsed}.
   */
  static Node parse(String text, boolean allowStatus, Set<StatusFunction> statusUsed) {
    Parser parser = new Parser(Lexer.tokenize(text), allowStatus, statusUsed);
    Node root = parser.or();
    parser.expectEnd();
    return root;
  }

  private Node or() {
    List<Node> operands = new ArrayList<>(List.of(and()));
    while (accept(Token.Type.OR)) {
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new Node.AnyOf(List.copyOf(operands));
  }

  private Node and() {
    List<Node> operands = new ArrayList<>(List.of(comparison()));
    while (accept(Token.Type.AND)) {
      operands.add(comparison());
    }
    return operands.size() == 1 ? operands.get(0) : new Node.AllOf(List.copyOf(operands));
  }

  /** At most one comparison: 'a < b < c' reads like maths but would compare a boolean with c. */
  private Node comparison() {
    Node left = unary();
    Token operator = peek();
    if (!operator.type().isComparison() && operator.type() != Token.Type.IN) {
      return left;
    }
    index++;
    Node right = unary();
    Token next = peek();
    if (next.type().isComparison() || next.type() == Token.Type.IN) {
      throw new ExpressionException(
          next.offset(),
          "comparisons cannot be chained",
          "join them with '&&', like a < b && b < c");
    }
    return operator.type() == Token.Type.IN
        ? new Node.Membership(left, right, operator.offset())
        : new Node.Comparison(comparator(operator.type()), left, right, operator.offset());
  }

  private Node unary() {
    Token not = peek();
    if (accept(Token.Type.NOT)) {
      enter(not);
      Node operand = new Node.Not(unary());
      depth--;
      return operand;
    }
    return primary();
  }

  private Node primary() {
    Token token = peek();
    return switch (token.type()) {
      case STRING, NUMBER -> {
        index++;
        yield new Node.Literal(token.value());
      }
      case TRUE, FALSE -> {
        index++;
        yield new Node.Literal(token.type() == Token.Type.TRUE);
      }
      case NULL -> {
        index++;
        yield new Node.Literal(null);
      }
      case NAME -> {
        index++;
        if (peek().type() == Token.Type.LPAREN) {
          yield call(token);
        }
        yield new Node.Name(List.of(token.text().split("\\.")), token.offset());
      }
      case LPAREN -> parenthesized(token);
      case LBRACKET -> list(token);
      default -> throw ParserErrors.expectedOperand(tokens, index);
    };
  }

  private Node parenthesized(Token open) {
    enter(open);
    index++;
    Node inner = or();
    if (!accept(Token.Type.RPAREN)) {
      throw ParserErrors.unclosed(open, peek(), ")");
    }
    depth--;
    return inner;
  }

  /** {@code name(arg, ...)}: the name is checked against {@link Functions} with its arity. */
  private Node call(Token name) {
    Token open = peek();
    enter(open);
    index++;
    List<Node> args = new ArrayList<>();
    while (!accept(Token.Type.RPAREN)) {
      args.add(or());
      if (!accept(Token.Type.COMMA) && peek().type() != Token.Type.RPAREN) {
        throw ParserErrors.unclosed(open, peek(), ")");
      }
    }
    depth--;
    Optional<StatusFunction> status = StatusFunction.find(name.text());
    if (status.isPresent()) {
      return statusCall(status.get(), name, args.size());
    }
    Functions.Function f = Functions.resolve(name.text(), args.size(), name.offset());
    return new Node.Call(f, List.copyOf(args), name.offset());
  }

  private Node statusCall(StatusFunction function, Token name, int argCount) {
    if (argCount != 0) {
      throw new ExpressionException(
          name.offset(),
          "'" + function.functionName() + "' takes no arguments, not " + argCount,
          "write " + function.call());
    }
    if (!allowStatus) {
      throw function.notAllowedHere(name.offset());
    }
    statusUsed.add(function);
    return new Node.Status(function, name.offset());
  }

  private Node list(Token open) {
    enter(open);
    index++;
    List<Node> items = new ArrayList<>();
    while (!accept(Token.Type.RBRACKET)) {
      items.add(or());
      if (!accept(Token.Type.COMMA) && peek().type() != Token.Type.RBRACKET) {
        throw ParserErrors.unclosed(open, peek(), "]");
      }
    }
    depth--;
    return new Node.ListOf(List.copyOf(items));
  }

  private void enter(Token token) {
    if (++depth > MAX_DEPTH) {
      throw new ExpressionException(
          token.offset(),
          "expression nests deeper than " + MAX_DEPTH + " levels",
          "simplify it or split it into several conditions");
    }
  }

  private void expectEnd() {
    if (peek().type() != Token.Type.EOF) {
      throw ParserErrors.unexpectedAfterExpression(tokens, index);
    }
  }

  private boolean accept(Token.Type type) {
    if (peek().type() == type) {
      index++;
      return true;
    }
    return false;
  }

  private Token peek() {
    return tokens.get(index);
  }

  private static Node.Comparator comparator(Token.Type type) {
    return Arrays.stream(Node.Comparator.values())
        .filter(c -> c.name().equals(type.name()))
        .findFirst()
        .orElseThrow();
  }
}
