package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionSyntaxTest {
  private static final Bindings NONE = Bindings.of(Map.of());

  private static Object eval(String text) {
    return Expression.parse(text).evaluate(NONE);
  }

  private static Object eval(String text, Map<String, ?> values) {
    return Expression.parse(text).evaluate(Bindings.of(values));
  }

  @Test
  void readsSingleAndDoubleQuotedStringsWithDoubledQuotesAsEscapes() {
    assertThat(eval("'main'")).isEqualTo("main");
    assertThat(eval("\"main\"")).isEqualTo("main");
    assertThat(eval("'it''s'")).isEqualTo("it's");
    assertThat(eval("\"say \"\"hi\"\"\"")).isEqualTo("say \"hi\"");
    assertThat(eval("'a \"b\"'")).isEqualTo("a \"b\"");
    assertThat(eval("''")).isEqualTo("");
    assertThat(eval("'C:\\temp\\n'")).isEqualTo("C:\\temp\\n");
  }

  @ParameterizedTest
  @CsvSource({"3,3", "-1,-1", "0.001,0.001", "-0.5,-0.5", "1e-3,0.001", "2E+2,2E+2", "10.50,10.50"})
  void readsNumbersAsExactDecimals(String literal, String expected) {
    assertThat(eval(literal)).isEqualTo(new BigDecimal(expected));
  }

  @Test
  void readsKeywordLiterals() {
    assertThat(eval("true")).isEqualTo(true);
    assertThat(eval("false")).isEqualTo(false);
    assertThat(eval("null")).isNull();
  }

  @Test
  void readsDottedNamesIncludingDashesInsideSegments() {
    Map<String, ?> values =
        Map.of(
            "params", Map.of("my-param", "x", "dataset", "d.csv"),
            "env", Map.of("HOME", "/root"),
            "accuracy", 0.93);
    assertThat(eval("params.my-param", values)).isEqualTo("x");
    assertThat(eval("params.dataset", values)).isEqualTo("d.csv");
    assertThat(eval("env.HOME", values)).isEqualTo("/root");
    assertThat(eval("accuracy", values)).isEqualTo(new BigDecimal("0.93"));
  }

  @Test
  void readsListLiteralsWithOptionalTrailingComma() {
    assertThat(eval("['a', 'b']")).isEqualTo(List.of("a", "b"));
    assertThat(eval("[1, 'x', true,]")).isEqualTo(List.of(BigDecimal.ONE, "x", true));
    assertThat(eval("[]")).isEqualTo(List.of());
  }

  @Test
  void ignoresWhitespaceIncludingNewlines() {
    assertThat(eval("\n  1 ==\t1\r\n")).isEqualTo(true);
    assertThat(eval("['a','b']")).isEqualTo(List.of("a", "b"));
  }

  @Test
  void notBindsTighterThanComparisons() {
    // (!'') == true, not !('' == true)
    assertThat(eval("!'' == true")).isEqualTo(true);
    assertThat(eval("!('' == true)")).isEqualTo(true);
    assertThat(eval("!1 == false")).isEqualTo(true);
  }

  @Test
  void andBindsTighterThanOr() {
    assertThat(eval("true || true && false")).isEqualTo(true);
    assertThat(eval("(true || true) && false")).isEqualTo(false);
    assertThat(eval("false && true || true")).isEqualTo(true);
    assertThat(eval("false && (true || true)")).isEqualTo(false);
  }

  @Test
  void comparisonsBindTighterThanAnd() {
    assertThat(eval("1 < 2 && 'b' in ['a', 'b']")).isEqualTo(true);
    assertThat(eval("1 == 1 && 2 == 3 || 'x' != 'y'")).isEqualTo(true);
  }

  @Test
  void parenthesesAndListsNestInsideEachOther() {
    assertThat(eval("((('a') in [('a'), 'b']))")).isEqualTo(true);
    assertThat(eval("!!(1 == 1)")).isEqualTo(true);
  }

  @Test
  void keepsItsTextAndListsReferencedNamesInOrderOnce() {
    Expression e =
        Expression.parse(
            "params.branch in ['main', params.release] && matrix.lr < 0.1 || params.branch == 'x'");
    assertThat(e.text())
        .isEqualTo(
            "params.branch in ['main', params.release] && matrix.lr < 0.1 || params.branch == 'x'");
    assertThat(e.references()).containsExactly("params.branch", "params.release", "matrix.lr");
  }

  @Test
  void keywordsAreOnlyKeywordsAsWholeNames() {
    Map<String, ?> values = Map.of("params", Map.of("in", "a", "true", "b", "null", "c"));
    assertThat(eval("params.in", values)).isEqualTo("a");
    assertThat(eval("params.true", values)).isEqualTo("b");
    assertThat(eval("params.null", values)).isEqualTo("c");
  }
}
