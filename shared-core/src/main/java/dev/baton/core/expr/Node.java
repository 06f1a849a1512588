package dev.baton.core.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed expression tree; each node evaluates itself with the rules in {@link Values}.
 *
 * <p>'&&' and '||' keep all their operands in one node, so a long chain makes a wide tree rather
 * than a deep one and evaluation never recurses deeper than the parser's nesting limit.
 */
sealed interface Node
    permits Node.Literal,
        Node.Name,
        Node.ListOf,
        Node.Not,
        Node.AllOf,
        Node.AnyOf,
        Node.Comparison,
        Node.Membership,
        Node.Call,
        Node.Status {

  @Nullable Object evaluate(Bindings bindings);

  /** Adds the dotted names this node reads, in source order. */
  void collectNames(Set<String> names);

  /** A string, number, boolean or null written in the expression. */
  record Literal(@Nullable Object value) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      return value;
    }

    @Override
    public void collectNames(Set<String> names) {}
  }

  /** A dotted name such as params.dataset, looked up when evaluated. */
  record Name(List<String> path, int offset) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      return BoundValues.resolve(bindings, path, offset);
    }

    @Override
    public void collectNames(Set<String> names) {
      names.add(String.join(".", path));
    }
  }

  /** A list literal such as ['main', 'release']. */
  record ListOf(List<Node> items) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      List<Object> values = new ArrayList<>(items.size());
      for (Node item : items) {
        values.add(item.evaluate(bindings));
      }
      return Collections.unmodifiableList(values);
    }

    @Override
    public void collectNames(Set<String> names) {
      items.forEach(item -> item.collectNames(names));
    }
  }

  /** '!operand': true when the operand is falsy. */
  record Not(Node operand) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      return !Values.isTruthy(operand.evaluate(bindings));
    }

    @Override
    public void collectNames(Set<String> names) {
      operand.collectNames(names);
    }
  }

  /** 'a && b && c': the first falsy operand, or the last one; later operands are not evaluated. */
  record AllOf(List<Node> operands) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      Object value = null;
      for (Node operand : operands) {
        value = operand.evaluate(bindings);
        if (!Values.isTruthy(value)) {
          return value;
        }
      }
      return value;
    }

    @Override
    public void collectNames(Set<String> names) {
      operands.forEach(operand -> operand.collectNames(names));
    }
  }

  /** 'a || b || c': the first truthy operand, or the last one; later operands are not evaluated. */
  record AnyOf(List<Node> operands) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      Object value = null;
      for (Node operand : operands) {
        value = operand.evaluate(bindings);
        if (Values.isTruthy(value)) {
          return value;
        }
      }
      return value;
    }

    @Override
    public void collectNames(Set<String> names) {
      operands.forEach(operand -> operand.collectNames(names));
    }
  }

  /** 'left op right' for == != < <= > >=; {@code offset} is the operator's. */
  record Comparison(Comparator op, Node left, Node right, int offset) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      Object a = left.evaluate(bindings);
      Object b = right.evaluate(bindings);
      return switch (op) {
        case EQ -> Values.areEqual(a, b, op.symbol, offset);
        case NE -> !Values.areEqual(a, b, op.symbol, offset);
        default -> op.accepts(Values.compare(a, b, op.symbol, offset));
      };
    }

    @Override
    public void collectNames(Set<String> names) {
      left.collectNames(names);
      right.collectNames(names);
    }
  }

  /** 'item in list'; {@code offset} is the 'in' keyword's. */
  record Membership(Node item, Node list, int offset) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      Object needle = item.evaluate(bindings);
      Object haystack = list.evaluate(bindings);
      if (!(haystack instanceof List<?> candidates)) {
        throw new ExpressionException(
            offset,
            "'in' needs a list on its right, not " + Values.describe(haystack),
            "write a list such as ['main', 'release']");
      }
      for (Object candidate : candidates) {
        if (Values.areEqual(needle, candidate, "in", offset)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void collectNames(Set<String> names) {
      item.collectNames(names);
      list.collectNames(names);
    }
  }

  /** 'name(args)': one of {@link Functions}, checked when parsed; {@code offset} is the name's. */
  record Call(Functions.Function function, List<Node> args, int offset) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      List<@Nullable Object> values = new ArrayList<>(args.size());
      for (Node arg : args) {
        values.add(arg.evaluate(bindings));
      }
      return function.body().apply(Collections.unmodifiableList(values), offset);
    }

    @Override
    public void collectNames(Set<String> names) {
      args.forEach(arg -> arg.collectNames(names));
    }
  }

  /**
   * A status function call such as 'failure()': its value is the engine's, given through {@link
   * StatusBindings}; {@code offset} is the name's.
   */
  record Status(StatusFunction function, int offset) implements Node {
    @Override
    public @Nullable Object evaluate(Bindings bindings) {
      if (bindings instanceof StatusBindings status) {
        return status.holds(function);
      }
      throw function.notAllowedHere(offset);
    }

    @Override
    public void collectNames(Set<String> names) {}
  }

  /** The comparison operators and which results of compareTo satisfy them. */
  enum Comparator {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    boolean accepts(int comparison) {
      return switch (this) {
        case LT -> comparison < 0;
        case LE -> comparison <= 0;
        case GT -> comparison > 0;
        case GE -> comparison >= 0;
        case EQ -> comparison == 0;
        default -> comparison != 0;
      };
    }
  }
}
