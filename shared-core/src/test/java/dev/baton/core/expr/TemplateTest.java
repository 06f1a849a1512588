package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final Bindings VALUES = bindings();

  private static Bindings bindings() {
    Map<String, Object> params = new HashMap<>();
    params.put("dataset", "data/churn.csv");
    params.put("message", "hello world");
    params.put("tag", null);
    params.put("branch", "main");
    return Bindings.of(
        Map.of(
            "params", params,
            "matrix", Map.of("lr", new BigDecimal("0.0010"), "tiny", new BigDecimal("1E-7")),
            "deploy", Map.of("weight", 50, "big", new BigDecimal("1E+3")),
            "list", List.of("a", "b")));
  }

  private static String render(String text, Quoting quoting) {
    return Template.parse(text).render(VALUES, quoting);
  }

  private static ExpressionException error(Runnable action) {
    ExpressionException e = catchThrowableOfType(action::run, ExpressionException.class);
    assertThat(e).isNotNull();
    return e;
  }

  @Test
  void writesValuesAsPlainText() {
    assertThat(render("./train.sh --lr ${{ matrix.lr }}", Quoting.NONE))
        .isEqualTo("./train.sh --lr 0.001");
    assertThat(render("${{matrix.tiny}} ${{ deploy.big }} ${{ deploy.weight }}", Quoting.NONE))
        .isEqualTo("0.0000001 1000 50");
    assertThat(render("[${{ params.tag }}] ${{ 1 == 1 }} ${{ !true }}", Quoting.NONE))
        .isEqualTo("[] true false");
    assertThat(render("${{ params.tag || 'latest' }}", Quoting.NONE)).isEqualTo("latest");
  }

  @Test
  void keepsTextWithoutExpressionsUnchanged() {
    Template t = Template.parse("echo '}}' ${HOME} $X {{ x }}");
    assertThat(t.hasExpressions()).isFalse();
    assertThat(t.references()).isEmpty();
    assertThat(t.render(VALUES, Quoting.SHELL)).isEqualTo("echo '}}' ${HOME} $X {{ x }}");
  }

  @Test
  void substitutesAdjacentExpressionsAndLooksPastBracesInStrings() {
    assertThat(render("${{ params.branch }}${{ deploy.weight }}", Quoting.NONE))
        .isEqualTo("main50");
    assertThat(render("<${{ '}}' }}>", Quoting.NONE)).isEqualTo("<}}>");
    assertThat(render("<${{ 'it''s }}' }}>", Quoting.NONE)).isEqualTo("<it's }}>");
  }

  @Test
  void listsReferencesAcrossAllExpressions() {
    Template t =
        Template.parse("${{ params.dataset }} ${{ matrix.lr }} ${{ params.dataset || env.X }}");
    assertThat(t.hasExpressions()).isTrue();
    assertThat(t.references()).containsExactly("params.dataset", "matrix.lr", "env.X");
  }

  @Test
  void containsExpressionLooksForTheOpeningMarker() {
    assertThat(Template.containsExpression("run ${{ x }}")).isTrue();
    assertThat(Template.containsExpression("run ${ x }")).isFalse();
    assertThat(Template.containsExpression(null)).isFalse();
  }

  @Test
  void wholeFindsASingleExpressionFillingTheText() {
    assertThat(Template.whole("${{ params.branch == 'main' }}").map(Expression::text))
        .contains("params.branch == 'main'");
    assertThat(Template.whole("  ${{params.x}}\n")).isPresent();
    assertThat(Template.whole("a ${{ params.x }}")).isEmpty();
    assertThat(Template.whole("${{ a }} ${{ b }}")).isEmpty();
    assertThat(Template.whole("params.branch == 'main'")).isEmpty();
  }

  @Test
  void wholeReportsEvaluationErrorsAtOffsetsInTheWholeText() {
    String text = "${{ params.branch == 'main' && parms.x }}";
    Expression e = Template.whole(text).orElseThrow();
    ExpressionException error = error(() -> e.test(VALUES));
    assertThat(error.offset()).isEqualTo(text.indexOf("parms"));
  }

  @Test
  void reportsAnUnclosedExpressionAtItsOpening() {
    ExpressionException e = error(() -> Template.parse("echo ${{ params.x"));
    assertThat(e.offset()).isEqualTo(5);
    assertThat(e.problem()).isEqualTo("unclosed '${{'");
    assertThat(e.hint()).isEqualTo("end the expression with '}}'");
  }

  @Test
  void reportsAnUnterminatedStringInsideAtTheQuote() {
    ExpressionException e = error(() -> Template.parse("echo ${{ 'abc }} done"));
    assertThat(e.offset()).isEqualTo(9);
    assertThat(e.problem()).isEqualTo("unterminated string");
  }

  @Test
  void reportsSyntaxErrorsInsideAtTheirOffsetInTheTemplate() {
    ExpressionException e = error(() -> Template.parse("run ${{ a }} then ${{ a = 1 }}"));
    assertThat(e.offset()).isEqualTo("run ${{ a }} then ${{ a ".length());
    assertThat(e.hint()).isEqualTo("use '==' to compare");
    ExpressionException empty = error(() -> Template.parse("run ${{   }}"));
    assertThat(empty.problem()).isEqualTo("empty expression");
    assertThat(empty.offset()).isEqualTo("run ${{   ".length());
  }

  @Test
  void reportsRenderErrorsAtTheirOffsetInTheTemplate() {
    ExpressionException unknown = error(() -> render("run ${{ params.datset }}", Quoting.NONE));
    assertThat(unknown.offset()).isEqualTo(8);
    assertThat(unknown.hint()).isEqualTo("did you mean 'params.dataset'?");
    ExpressionException list = error(() -> render("run ${{ list }}", Quoting.SHELL));
    assertThat(list.offset()).isEqualTo(4);
    assertThat(list.problem()).isEqualTo("a list cannot be substituted into text");
  }

  @Test
  void shellQuotingKeepsPlainValuesBareAndQuotesTheRest() {
    assertThat(render("./prepare.sh ${{ params.dataset }}", Quoting.SHELL))
        .isEqualTo("./prepare.sh data/churn.csv");
    assertThat(render("echo ${{ params.message }}", Quoting.SHELL)).isEqualTo("echo 'hello world'");
    assertThat(render("echo --tag=${{ params.tag }}", Quoting.SHELL)).isEqualTo("echo --tag=''");
    assertThat(render("echo ${{ params.message }}", Quoting.NONE)).isEqualTo("echo hello world");
  }

  @Test
  void shellQuotingJoinsTheSurroundingQuotesLiterally() {
    assertThat(render("echo \"msg: ${{ params.message }}!\"", Quoting.SHELL))
        .isEqualTo("echo \"msg: \"'hello world'\"!\"");
    assertThat(render("echo \"lr=${{ matrix.lr }}\"", Quoting.SHELL))
        .isEqualTo("echo \"lr=0.001\"");
    assertThat(render("echo 'msg: ${{ params.message }}!'", Quoting.SHELL))
        .isEqualTo("echo 'msg: hello world!'");
    assertThat(render("echo ~${{ params.branch }} {${{ params.branch }}}", Quoting.SHELL))
        .isEqualTo("echo ~'main' {'main'}");
  }
}
