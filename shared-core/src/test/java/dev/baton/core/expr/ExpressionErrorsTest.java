package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionErrorsTest {

  private static ExpressionException parseError(String text) {
    ExpressionException e =
        catchThrowableOfType(() -> Expression.parse(text), ExpressionException.class);
    assertThat(e).as("parse error for <%s>", text).isNotNull();
    return e;
  }

  /** Each row: expression | offset of the problem | problem | text the hint contains. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiterString = "¦",
      quoteCharacter = '`',
      value = {
        "a == 'b ¦ 5 ¦ unterminated string ¦ close it with '",
        "a == \"b ¦ 5 ¦ unterminated string ¦ close it with \"",
        "a = 'b' ¦ 2 ¦ unexpected '=' ¦ use '==' to compare",
        "a & b ¦ 2 ¦ unexpected '&' ¦ use '&&'",
        "a | b ¦ 2 ¦ unexpected '|' ¦ use '||'",
        "a && ¦ 4 ¦ expected an operand after '&&' ¦ put a name",
        "a || ) ¦ 5 ¦ expected an operand after '||' ¦ put a name",
        "! ¦ 1 ¦ expected an operand after '!' ¦ put a name",
        "a in ¦ 4 ¦ expected an operand after 'in' ¦ put a name",
        "a == 1 ) ¦ 7 ¦ unexpected ')' ¦ add the matching '('",
        ") ¦ 0 ¦ unexpected ')' ¦ add the matching '('",
        "(a == 1 ¦ 0 ¦ unclosed '(' ¦ add a matching ')'",
        "(a b) ¦ 3 ¦ unexpected 'b' ¦ expected ')'",
        "['a' 'b'] ¦ 5 ¦ unexpected 'b' ¦ separate list items with ','",
        "['a', 'b' ¦ 0 ¦ unclosed '[' ¦ add a matching ']'",
        "a b ¦ 2 ¦ unexpected 'b' ¦ join conditions with '&&' or '||'",
        "a, b ¦ 1 ¦ unexpected ',' ¦ commas only separate list items",
        "`` ¦ 0 ¦ empty expression ¦ params.branch == 'main'",
        "`   ` ¦ 3 ¦ empty expression ¦ params.branch == 'main'",
        "() ¦ 1 ¦ empty parentheses ¦ ",
        "1 < a < 3 ¦ 6 ¦ comparisons cannot be chained ¦ a < b && b < c",
        "a == b in ['x'] ¦ 7 ¦ comparisons cannot be chained ¦ &&",
        "params. ¦ 7 ¦ expected a name after '.' ¦ params.dataset",
        "params..x ¦ 7 ¦ expected a name after '.' ¦ params.dataset",
        "a + 1 ¦ 2 ¦ unexpected '+' ¦ arithmetic is not supported",
        "a - 1 ¦ 2 ¦ unexpected '-' ¦ arithmetic is not supported",
        "$HOME ¦ 0 ¦ unexpected '$' ¦ env.HOME",
        "${{ a }} ¦ 0 ¦ unexpected '$' ¦ without '${{ }}'",
        "10GB > 1 ¦ 0 ¦ invalid number '10GB' ¦ '10GB'",
        "1e ¦ 0 ¦ invalid number '1e' ¦ ",
        "1e1000 > 1 ¦ 0 ¦ invalid number '1e1000' ¦ ",
        "1.2.3 ¦ 0 ¦ invalid number '1.2.3' ¦ ",
        ".5 < 1 ¦ 0 ¦ unexpected '.' ¦ 0.5",
        "a ? b : c ¦ 2 ¦ unexpected '?' ¦ a && b || c",
        "a == ‘b’ ¦ 5 ¦ unexpected character '‘' (U+2018) ¦ plain ASCII quotes",
        "a == é ¦ 5 ¦ unexpected character 'é' (U+00E9) ¦ ",
        "a ; b ¦ 2 ¦ unexpected ';' ¦ '&&' or '||'",
        "f(x) ¦ 0 ¦ unknown function 'f' ¦ the functions are",
        "cotains(a, 'b') ¦ 0 ¦ unknown function 'cotains' ¦ did you mean 'contains'?",
        "a && contains('x') ¦ 5 ¦ 'contains' takes 2 arguments, not 1 ¦ contains(search, item)",
        "join() ¦ 0 ¦ 'join' takes 1 or 2 arguments, not 0 ¦ join(list, separator)",
        "fromJSON('1', '2') ¦ 0 ¦ 'fromJSON' takes 1 argument, not 2 ¦ fromJSON(text)"
      })
  void reportsSyntaxErrorsAtTheOffendingToken(
      String text, int offset, String problem, String hint) {
    ExpressionException e = parseError(text);
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.offset()).isEqualTo(offset);
    assertThat(e.hint()).contains(hint == null ? "" : hint);
    assertThat(e.getMessage()).isEqualTo(e.hint().isEmpty() ? problem : problem + "; " + e.hint());
  }

  @Test
  void unknownNameFailsAtItsOffsetWithDidYouMean() {
    Bindings bindings = Bindings.of(Map.of("params", Map.of("dataset", "d", "branch", "main")));
    Expression e = Expression.parse("params.branch == 'main' && parms.dataset != ''");
    ExpressionException error =
        catchThrowableOfType(() -> e.evaluate(bindings), ExpressionException.class);
    assertThat(error.offset()).isEqualTo(27);
    assertThat(error.problem()).isEqualTo("unknown name 'parms.dataset'");
    assertThat(error.hint()).isEqualTo("did you mean 'params.dataset'?");
    assertThat(error.getMessage())
        .isEqualTo("unknown name 'parms.dataset'; did you mean 'params.dataset'?");
  }

  @Test
  void unknownNameWithoutANearOneListsWhatExists() {
    Bindings bindings =
        Bindings.of(Map.of("params", Map.of("dataset", "d"), "matrix", Map.of("lr", "0.1")));
    ExpressionException inGroup =
        catchThrowableOfType(
            () -> Expression.parse("params.somethingelse").evaluate(bindings),
            ExpressionException.class);
    assertThat(inGroup.hint()).isEqualTo("known names: params.dataset");
    ExpressionException noGroup =
        catchThrowableOfType(
            () -> Expression.parse("deploy.weight").evaluate(bindings), ExpressionException.class);
    assertThat(noGroup.hint()).isEqualTo("known names: matrix.*, params.*");
  }

  @Test
  void aGroupIsNotAValue() {
    Bindings bindings = Bindings.of(Map.of("x", 2, "params", Map.of("dataset", "d")));
    ExpressionException e =
        catchThrowableOfType(
            () -> Expression.parse("x == 1 || params").evaluate(bindings),
            ExpressionException.class);
    assertThat(e.offset()).isEqualTo(10);
    assertThat(e.problem()).isEqualTo("'params' is a group of values, not a single value");
    assertThat(e.hint()).isEqualTo("name one of them, like 'params.dataset'");
  }

  @Test
  void inNeedsAListOnItsRight() {
    ExpressionException e =
        catchThrowableOfType(
            () -> Expression.parse("'a' in 'abc'").evaluate(Bindings.of(Map.of())),
            ExpressionException.class);
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.problem()).isEqualTo("'in' needs a list on its right, not 'abc'");
    assertThat(e.hint()).contains("['main', 'release']");
  }
}
