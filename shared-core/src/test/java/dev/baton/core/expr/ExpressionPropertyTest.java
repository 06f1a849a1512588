package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random expressions, evaluated by the real parser and evaluator and by a small reference evaluator
 * written here from the documented rules (docs/expressions.md): both must give the same value, or
 * both an error. The default build uses a fixed seed; {@code -Dbaton.expr.seed} and {@code
 * -Dbaton.expr.count} replay or widen a run.
 *
 * <p>The status functions of a step's {@code when} ({@code success()}, {@code failure()}, {@code
 * cancelled()}, {@code always()}) take a random value per expression from {@link StatusBindings};
 * the same text parsed as anything but a condition must be refused exactly when it calls one.
 */
class ExpressionPropertyTest {
  private static final long SEED = Long.getLong("baton.expr.seed", 20261206L);
  private static final int COUNT = Integer.getInteger("baton.expr.count", 3000);

  private static final Map<String, Object> NAMES =
      Map.of(
          "params.n",
          new BigDecimal("10"),
          "params.s",
          "main",
          "params.t",
          "10",
          "params.f",
          Boolean.FALSE,
          "params.e",
          "",
          "params.z",
          new BigDecimal("0"));
  private static final Bindings BINDINGS =
      Bindings.of(
          Map.of("params", Map.of("n", 10, "s", "main", "t", "10", "f", false, "e", "", "z", 0)));

  private static final List<String> STRINGS = List.of("main", "Main", "10", "9", "0.10", "", "a b");
  private static final Pattern NUMERIC =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** The reference's error: the real evaluator must throw an ExpressionException too. */
  private static final class RefError extends RuntimeException {
    RefError(String why) {
      super(why, null, false, false);
    }
  }

  /** A generated expression: its text and how the reference evaluates it. */
  private interface Gen {
    String text();

    Object eval();
  }

  private record Lit(String text, Object value) implements Gen {
    public Object eval() {
      return value;
    }
  }

  private record Op(String text, Supplier<Object> body) implements Gen {
    public Object eval() {
      return body.get();
    }
  }

  private final Random random = new Random(SEED);

  /** This expression's values of success(), failure() and cancelled(); always() is true. */
  private final Map<StatusFunction, Boolean> status = new EnumMap<>(StatusFunction.class);

  @Test
  void realEvaluatorAgreesWithTheReferenceOnRandomExpressions() {
    int errors = 0;
    int statusCalls = 0;
    for (int i = 0; i < COUNT; i++) {
      Gen g = expression(4);
      status.put(StatusFunction.SUCCESS, random.nextBoolean());
      status.put(StatusFunction.FAILURE, random.nextBoolean());
      status.put(StatusFunction.CANCELLED, random.nextBoolean());
      status.put(StatusFunction.ALWAYS, true);
      Object expected;
      try {
        expected = g.eval();
      } catch (RefError e) {
        expected = e;
      }
      Object actual;
      try {
        actual =
            Expression.parseCondition(g.text())
                .evaluate(StatusBindings.of(BINDINGS, f -> status.get(f)));
      } catch (ExpressionException e) {
        actual = e;
      }
      String label = "seed " + SEED + ", #" + i + ": " + g.text();
      boolean callsStatus = g.text().contains("()");
      statusCalls += callsStatus ? 1 : 0;
      assertThat(refusedOutsideWhen(g.text()))
          .as(label + ": refused outside a when exactly when it calls a status function")
          .isEqualTo(callsStatus);
      if (expected instanceof RefError why) {
        errors++;
        assertThat(actual)
            .as(label + " (reference: " + why.getMessage() + ")")
            .isInstanceOf(ExpressionException.class);
      } else {
        assertThat(actual instanceof ExpressionException).as(label + ": " + actual).isFalse();
        assertThat(same(actual, expected))
            .as(label + ": real " + actual + ", reference " + expected)
            .isTrue();
      }
    }
    // Both outcomes are exercised, not just one.
    assertThat(errors).isBetween(1, COUNT - 1);
    assertThat(statusCalls).isBetween(1, COUNT - 1);
  }

  /**
   * Whether parsing {@code text} as a plain expression (not a step's when) fails on a status call.
   */
  private static boolean refusedOutsideWhen(String text) {
    try {
      Expression.parse(text);
      Template.parse("${{ " + text + " }}");
      return false;
    } catch (ExpressionException e) {
      return e.getMessage().contains("status function");
    }
  }

  private Gen expression(int depth) {
    if (depth == 0) {
      return leaf();
    }
    return switch (random.nextInt(9)) {
      case 0, 1 -> leaf();
      case 2 -> not(expression(depth - 1));
      case 3 -> logic(expression(depth - 1), expression(depth - 1), random.nextBoolean());
      case 4 -> comparison(expression(depth - 1), expression(depth - 1));
      case 5 -> membership(expression(depth - 1), depth - 1);
      case 6 -> function(depth - 1);
      case 7 -> parenthesized(expression(depth - 1));
      default -> comparison(leaf(), leaf());
    };
  }

  private Gen leaf() {
    switch (random.nextInt(5)) {
      case 0 -> {
        String s = STRINGS.get(random.nextInt(STRINGS.size()));
        return new Lit("'" + s + "'", s);
      }
      case 1 -> {
        int n = random.nextInt(16) - 3;
        boolean half = random.nextInt(4) == 0;
        String text = half ? n + ".5" : String.valueOf(n);
        return new Lit(text, new BigDecimal(text));
      }
      case 2 -> {
        int k = random.nextInt(3);
        Object[] values = {Boolean.TRUE, Boolean.FALSE, null};
        String[] texts = {"true", "false", "null"};
        return new Lit(texts[k], values[k]);
      }
      case 3 -> {
        StatusFunction f = StatusFunction.values()[random.nextInt(StatusFunction.values().length)];
        // Any case, as in GitHub Actions.
        String name =
            random.nextBoolean() ? f.functionName() : f.functionName().toUpperCase(Locale.ROOT);
        return new Op(name + "()", () -> status.get(f));
      }
      default -> {
        List<String> names = new ArrayList<>(new TreeSet<>(NAMES.keySet()));
        String name = names.get(random.nextInt(names.size()));
        return new Lit(name, NAMES.get(name));
      }
    }
  }

  private static Gen parenthesized(Gen g) {
    return new Op("(" + g.text() + ")", g::eval);
  }

  private static Gen not(Gen g) {
    return new Op("!" + paren(g), () -> !truthy(g.eval()));
  }

  private static Gen logic(Gen a, Gen b, boolean and) {
    return new Op(
        paren(a) + (and ? " && " : " || ") + paren(b),
        () -> {
          Object left = a.eval();
          return truthy(left) == and ? b.eval() : left;
        });
  }

  private Gen comparison(Gen a, Gen b) {
    String[] ops = {"==", "!=", "<", "<=", ">", ">="};
    String op = ops[random.nextInt(ops.length)];
    return new Op(
        paren(a) + " " + op + " " + paren(b),
        () -> {
          Object x = a.eval();
          Object y = b.eval();
          return switch (op) {
            case "==" -> equal(x, y);
            case "!=" -> !equal(x, y);
            default -> {
              int c = order(x, y);
              yield switch (op) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
              };
            }
          };
        });
  }

  private Gen membership(Gen item, int depth) {
    if (random.nextInt(5) == 0) {
      Gen notAList = leaf();
      return new Op(
          paren(item) + " in " + paren(notAList),
          () -> {
            item.eval();
            notAList.eval();
            throw new RefError("'in' needs a list");
          });
    }
    List<Gen> elements = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      elements.add(leaf());
    }
    String list = "[" + String.join(", ", elements.stream().map(Gen::text).toList()) + "]";
    return new Op(
        paren(item) + " in " + list,
        () -> {
          Object x = item.eval();
          List<Object> values = new ArrayList<>();
          for (Gen e : elements) {
            values.add(e.eval());
          }
          for (Object v : values) {
            if (equal(x, v)) {
              return true;
            }
          }
          return false;
        });
  }

  private Gen function(int depth) {
    Gen a = expression(depth);
    Gen b = expression(depth);
    return switch (random.nextInt(4)) {
      case 0 ->
          new Op(
              "startsWith(" + a.text() + ", " + b.text() + ")",
              () -> {
                String x = text(a.eval()).toLowerCase(Locale.ROOT);
                return x.startsWith(text(b.eval()).toLowerCase(Locale.ROOT));
              });
      case 1 ->
          new Op(
              "endsWith(" + a.text() + ", " + b.text() + ")",
              () -> {
                String x = text(a.eval()).toLowerCase(Locale.ROOT);
                return x.endsWith(text(b.eval()).toLowerCase(Locale.ROOT));
              });
      case 2 ->
          new Op(
              "contains(" + a.text() + ", " + b.text() + ")",
              () -> {
                String x = text(a.eval()).toLowerCase(Locale.ROOT);
                return x.contains(text(b.eval()).toLowerCase(Locale.ROOT));
              });
      default ->
          new Op(
              "format('<{1}|{0}>', " + a.text() + ", " + b.text() + ")",
              () -> {
                String x = text(a.eval());
                return "<" + text(b.eval()) + "|" + x + ">";
              });
    };
  }

  // The reference rules, from docs/expressions.md.

  private static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof BigDecimal d) {
      return d.signum() != 0;
    }
    return !(v instanceof String s) || !s.isEmpty();
  }

  private static BigDecimal number(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof String s && NUMERIC.matcher(s).matches()) {
      return new BigDecimal(s);
    }
    return null;
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  private static boolean equal(Object a, Object b) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    if (x != null && y != null) {
      return x.compareTo(y) == 0;
    }
    return text(a).equals(text(b));
  }

  private static int order(Object a, Object b) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    if (x != null && y != null) {
      return x.compareTo(y);
    }
    if (a instanceof String s && b instanceof String t && x == null && y == null) {
      return s.compareTo(t);
    }
    throw new RefError("cannot order " + a + " and " + b);
  }

  private static String paren(Gen g) {
    return "(" + g.text() + ")";
  }

  private static boolean same(Object actual, Object expected) {
    if (actual instanceof BigDecimal x && expected instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(actual, expected);
  }
}
