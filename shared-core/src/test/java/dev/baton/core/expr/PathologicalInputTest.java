package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile or absurd input fails with a message, never with a StackOverflowError. */
class PathologicalInputTest {
  private static final Bindings NONE = Bindings.of(Map.of("a", "1"));

  @Test
  void acceptsNestingUpToTheLimit() {
    String text = "(".repeat(64) + "a" + ")".repeat(64);
    assertThat(Expression.parse(text).evaluate(NONE)).isEqualTo("1");
  }

  @Test
  void rejectsDeeperParenthesesAtTheFirstLevelTooDeep() {
    String text = "(".repeat(2000) + "a" + ")".repeat(2000);
    ExpressionException e =
        catchThrowableOfType(() -> Expression.parse(text), ExpressionException.class);
    assertThat(e.offset()).isEqualTo(64);
    assertThat(e.problem()).isEqualTo("expression nests deeper than 64 levels");
  }

  @Test
  void rejectsDeepNegationAndListsToo() {
    ExpressionException not =
        catchThrowableOfType(
            () -> Expression.parse("!".repeat(3000) + "a"), ExpressionException.class);
    assertThat(not.problem()).isEqualTo("expression nests deeper than 64 levels");
    ExpressionException list =
        catchThrowableOfType(
            () -> Expression.parse("[".repeat(1000) + "]".repeat(1000)), ExpressionException.class);
    assertThat(list.problem()).isEqualTo("expression nests deeper than 64 levels");
  }

  @Test
  void longFlatChainsEvaluateWithoutDeepRecursion() {
    String text = "a == 2" + " || a == 2".repeat(400);
    assertThat(text.length()).isLessThan(4096);
    assertThat(Expression.parse(text).test(NONE)).isFalse();
    String conjunction = "a" + " && a".repeat(800);
    assertThat(Expression.parse(conjunction).evaluate(NONE)).isEqualTo("1");
  }

  @Test
  void rejectsTextOverTheLengthLimit() {
    String text = "a" + " ".repeat(5000);
    ExpressionException e =
        catchThrowableOfType(() -> Expression.parse(text), ExpressionException.class);
    assertThat(e.offset()).isEqualTo(4096);
    assertThat(e.problem()).isEqualTo("expression is longer than 4096 characters");
  }

  @Test
  void hugeNumbersAreRefusedOrKeptExact() {
    ExpressionException e =
        catchThrowableOfType(() -> Expression.parse("1e99999999 > 1"), ExpressionException.class);
    assertThat(e.problem()).startsWith("invalid number");
    Bindings huge = Bindings.of(Map.of("x", "1e999999999", "y", "1"));
    assertThat(Expression.parse("x > y").test(huge)).isTrue();
    assertThat(Expression.parse("x == '10e999999998'").test(huge)).isTrue();
  }

  @Test
  void aTemplateWithManyExpressionsRendersInLinearTime() {
    String text = "echo" + " ${{ a }}".repeat(20_000);
    long start = System.nanoTime();
    String rendered = Template.parse(text).render(NONE, Quoting.SHELL);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(rendered).hasSize("echo".length() + 2 * 20_000);
    assertThat(millis).isLessThan(5_000);
  }
}
