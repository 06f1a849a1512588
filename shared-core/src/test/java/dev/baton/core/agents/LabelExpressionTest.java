package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelExpressionTest {

  private static boolean matches(String expression, String... labels) {
    return LabelExpression.parse(expression).matches(Set.of(labels));
  }

  private static LabelExpressionException failure(String expression) {
    try {
      LabelExpression.parse(expression);
    } catch (LabelExpressionException e) {
      return e;
    }
    throw new AssertionError("'" + expression + "' was accepted");
  }

  @Test
  void emptyOrBlankExpressionMatchesEveryAgent() {
    assertThat(matches("")).isTrue();
    assertThat(matches("   ", "gpu")).isTrue();
    assertThat(LabelExpression.parse(null).root()).isEqualTo(new LabelNode.True());
    assertThat(LabelExpression.parse("").labels()).isEmpty();
  }

  @Test
  void singleLabelMatchesAgentsCarryingIt() {
    assertThat(matches("gpu", "gpu", "linux")).isTrue();
    assertThat(matches("gpu", "linux")).isFalse();
  }

  @Test
  void labelsAreCaseSensitiveAsInJenkins() {
    assertThat(matches("A100", "a100")).isFalse();
  }

  @Test
  void labelsMayHoldDigitsDashesDotsAndUnderscores() {
    assertThat(matches("linux-x86_64 && cuda_12.1", "linux-x86_64", "cuda_12.1")).isTrue();
    assertThat(LabelExpression.parse("linux-x86_64&&cuda_12.1").labels())
        .containsExactly("linux-x86_64", "cuda_12.1");
  }

  @Test
  void quotedLabelsMayHoldAnyCharacter() {
    LabelExpression e = LabelExpression.parse("\"rack 3\" && \"say \\\"hi\\\"\"");
    assertThat(e.labels()).containsExactly("rack 3", "say \"hi\"");
    assertThat(e.matches(Set.of("rack 3", "say \"hi\""))).isTrue();
  }

  @Test
  void notExcludesAgentsWithTheLabel() {
    assertThat(matches("!flaky", "gpu")).isTrue();
    assertThat(matches("!flaky", "gpu", "flaky")).isFalse();
    assertThat(matches("!!flaky", "flaky")).isTrue();
  }

  @Test
  void impliesHoldsUnlessLeftIsTrueAndRightFalse() {
    assertThat(matches("a -> b")).isTrue();
    assertThat(matches("a -> b", "b")).isTrue();
    assertThat(matches("a -> b", "a", "b")).isTrue();
    assertThat(matches("a -> b", "a")).isFalse();
  }

  @Test
  void arrowWithoutSpacesIsAnOperatorNotPartOfTheLabel() {
    assertThat(LabelExpression.parse("a->b").root())
        .isEqualTo(new LabelNode.Implies(new LabelNode.Atom("a"), new LabelNode.Atom("b")));
  }

  @Test
  void iffHoldsWhenBothOrNeitherArePresent() {
    assertThat(matches("a <-> b")).isTrue();
    assertThat(matches("a <-> b", "a", "b")).isTrue();
    assertThat(matches("a <-> b", "a")).isFalse();
    assertThat(matches("a <-> b", "b")).isFalse();
  }

  @Test
  void notBindsTighterThanAndWhichBindsTighterThanOr() {
    LabelNode a = new LabelNode.Atom("a");
    LabelNode b = new LabelNode.Atom("b");
    LabelNode c = new LabelNode.Atom("c");
    assertThat(LabelExpression.parse("a || b && !c").root())
        .isEqualTo(new LabelNode.Or(a, new LabelNode.And(b, new LabelNode.Not(c))));
    assertThat(LabelExpression.parse("!a && b").root())
        .isEqualTo(new LabelNode.And(new LabelNode.Not(a), b));
  }

  @Test
  void orBindsTighterThanImpliesWhichBindsTighterThanIff() {
    LabelNode a = new LabelNode.Atom("a");
    LabelNode b = new LabelNode.Atom("b");
    LabelNode c = new LabelNode.Atom("c");
    LabelNode d = new LabelNode.Atom("d");
    assertThat(LabelExpression.parse("a || b -> c <-> d").root())
        .isEqualTo(new LabelNode.Iff(new LabelNode.Implies(new LabelNode.Or(a, b), c), d));
  }

  @Test
  void impliesGroupsToTheRight() {
    LabelNode a = new LabelNode.Atom("a");
    LabelNode b = new LabelNode.Atom("b");
    LabelNode c = new LabelNode.Atom("c");
    assertThat(LabelExpression.parse("a -> b -> c").root())
        .isEqualTo(new LabelNode.Implies(a, new LabelNode.Implies(b, c)));
  }

  @Test
  void parenthesesOverridePrecedence() {
    assertThat(matches("gpu && (a100 || h100) && !flaky", "gpu", "h100")).isTrue();
    assertThat(matches("gpu && (a100 || h100) && !flaky", "gpu", "h100", "flaky")).isFalse();
    assertThat(matches("(a || b) && c", "a")).isFalse();
    assertThat(matches("a || b && c", "a")).isTrue();
  }

  @Test
  void labelsListsEveryAtomOnceInOrder() {
    assertThat(LabelExpression.parse("gpu && (a100 || !gpu) -> h100").labels())
        .containsExactly("gpu", "a100", "h100");
  }

  @Test
  void keepsTheTextAsWritten() {
    assertThat(LabelExpression.parse(" gpu&&a100 ").text()).isEqualTo(" gpu&&a100 ");
  }

  @Test
  void singleAmpersandPointsAtItAndSuggestsDoubleAmpersand() {
    LabelExpressionException e = failure("gpu & a100");
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.problem()).isEqualTo("unexpected '&'");
    assertThat(e.hint()).isEqualTo("use '&&'");
    assertThat(e.getMessage())
        .isEqualTo("label expression 'gpu & a100' at column 5: unexpected '&'; use '&&'");
  }

  @Test
  void singleBarSuggestsDoubleBar() {
    LabelExpressionException e = failure("a | b");
    assertThat(e.offset()).isEqualTo(2);
    assertThat(e.hint()).isEqualTo("use '||'");
  }

  @Test
  void missingOperandAfterOperatorPointsAtTheEnd() {
    LabelExpressionException e = failure("gpu &&");
    assertThat(e.problem()).isEqualTo("expected a label after '&&'");
    assertThat(e.offset()).isEqualTo(6);
  }

  @Test
  void missingOperandBeforeOperatorIsNamed() {
    LabelExpressionException e = failure("&& gpu");
    assertThat(e.problem()).isEqualTo("expected a label before '&&'");
    assertThat(e.offset()).isZero();
  }

  @Test
  void twoOperatorsInARowPointAtTheSecond() {
    LabelExpressionException e = failure("a && || b");
    assertThat(e.problem()).isEqualTo("expected a label after '&&'");
    assertThat(e.offset()).isEqualTo(5);
  }

  @Test
  void notWithoutOperandIsRejected() {
    assertThat(failure("gpu && !").problem()).isEqualTo("expected a label after '!'");
  }

  @Test
  void strayClosingParenthesisIsPointedAt() {
    LabelExpressionException e = failure("gpu && a100)");
    assertThat(e.problem()).isEqualTo("unexpected ')'");
    assertThat(e.offset()).isEqualTo(11);
    assertThat(e.hint()).contains("matching '('");
  }

  @Test
  void unclosedParenthesisPointsAtTheOpeningOne() {
    LabelExpressionException e = failure("gpu && (a100 || h100");
    assertThat(e.problem()).isEqualTo("'(' is never closed");
    assertThat(e.offset()).isEqualTo(7);
    assertThat(e.hint()).isEqualTo("add the matching ')'");
  }

  @Test
  void emptyParenthesesAreRejected() {
    assertThat(failure("gpu && ()").problem()).isEqualTo("empty parentheses");
  }

  @Test
  void twoLabelsWithoutOperatorAskForOne() {
    LabelExpressionException e = failure("gpu a100");
    assertThat(e.problem()).isEqualTo("unexpected label 'a100'");
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.hint()).contains("'&&' or '||'");
  }

  @Test
  void characterOutsideLabelsIsRejectedWithAQuotingHint() {
    LabelExpressionException e = failure("gpu && rack@3");
    assertThat(e.offset()).isEqualTo(11);
    assertThat(e.problem()).isEqualTo("unexpected '@'");
    assertThat(e.hint()).contains("quote");
  }

  @Test
  void unterminatedQuotePointsAtItsStart() {
    LabelExpressionException e = failure("gpu && \"rack 3");
    assertThat(e.offset()).isEqualTo(7);
    assertThat(e.problem()).isEqualTo("the quoted label is never closed");
  }

  @Test
  void expressionsWithTheSameTreeAreEqual() {
    assertThat(LabelExpression.parse("a&&b")).isEqualTo(LabelExpression.parse("(a && b)"));
  }

  @Test
  void halfWrittenArrowSuggestsTheArrows() {
    assertThatThrownBy(() -> LabelExpression.parse("a <- b"))
        .isInstanceOf(LabelExpressionException.class)
        .hasMessageContaining("column 3: unexpected '<'; use '->' or '<->'");
  }
}
