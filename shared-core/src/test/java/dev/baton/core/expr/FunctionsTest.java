package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The safe functions, with GitHub Actions' semantics. */
class FunctionsTest {
  private static final Bindings B =
      Bindings.of(
          Map.of(
              "params",
              Map.of("branch", "release/1.2", "lrs", "[0.1, 0.01, 0.001]", "epochs", 20),
              "matrix",
              Map.of("gpus", List.of(1, 2))));

  private static Object eval(String text) {
    return Expression.parse(text).evaluate(B);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "contains('Hello world', 'WORLD')",
        "contains(params.branch, 'release')",
        "contains(matrix.gpus, 2)",
        "contains(matrix.gpus, '2')",
        "!contains(matrix.gpus, 3)",
        "contains(fromJSON(params.lrs), 0.01)",
        "startsWith(params.branch, 'Release/')",
        "endsWith(params.branch, '.2')",
        "!endsWith(params.branch, '.3')",
        "STARTSWITH('abc', 'a') && fromJson('true')",
        "contains(20, 0)",
      })
  void trueExpressions(String text) {
    assertThat(Expression.parse(text).test(B)).as(text).isTrue();
  }

  @Test
  void joinAndFormatBuildText() {
    assertThat(eval("join(matrix.gpus)")).isEqualTo("1,2");
    assertThat(eval("join(fromJSON(params.lrs), ' | ')")).isEqualTo("0.1 | 0.01 | 0.001");
    assertThat(eval("join('alone', '-')")).isEqualTo("alone");
    assertThat(eval("format('{0} epochs on {1}, {{literal}} {0}', params.epochs, 'gpu')"))
        .isEqualTo("20 epochs on gpu, {literal} 20");
  }

  @Test
  void jsonRoundTrips() {
    assertThat(eval("fromJSON(params.lrs)"))
        .isEqualTo(List.of(new BigDecimal("0.1"), new BigDecimal("0.01"), new BigDecimal("0.001")));
    assertThat(eval("toJSON(matrix.gpus)")).isEqualTo("[\n  1,\n  2\n]");
    assertThat(eval("toJSON('a \"q\"')")).isEqualTo("\"a \\\"q\\\"\"");
    assertThat(eval("fromJSON(toJSON(fromJSON('[[1, \"x\"], [], null, false]')))"))
        .isEqualTo(eval("fromJSON('[[1, \"x\"], [], null, false]')"));
    assertThat(eval("fromJSON('\"text\"')")).isEqualTo("text");
  }

  @Test
  void badFormatStringsAndMissingValuesAreErrors() {
    assertThatThrownBy(() -> eval("format('{0} {1}', 'a')"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("format refers to {1} but has 1 value(s) after it");
    assertThatThrownBy(() -> eval("format('{x}', 'a')"))
        .hasMessageContaining("invalid format string '{x}'");
    assertThatThrownBy(() -> eval("format('a } b')")).hasMessageContaining("invalid format");
  }

  @Test
  void fromJsonIsBoundedAndSaysWhatIsWrong() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    Bindings hostile = Bindings.of(Map.of("v", Map.of("deep", deep, "wide", wide())));
    assertThatThrownBy(() -> Expression.parse("fromJSON(v.deep)").evaluate(hostile))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("nests deeper than 64 levels");
    assertThatThrownBy(() -> Expression.parse("fromJSON(v.wide)").evaluate(hostile))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("more than 100000 values");
    String huge = "\"" + "x".repeat(Json.MAX_CHARS) + "\"";
    assertThatThrownBy(
            () ->
                Expression.parse("fromJSON(v.s)")
                    .evaluate(Bindings.of(Map.of("v", Map.of("s", huge)))))
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> eval("fromJSON('[1, 2')")).hasMessageContaining("is not JSON");
    assertThatThrownBy(() -> eval("fromJSON('{\"a\": 1}')")).hasMessageContaining("an object");
    assertThatThrownBy(() -> eval("fromJSON('1 2')")).hasMessageContaining("more follows");
    assertThatThrownBy(() -> eval("fromJSON(matrix.gpus)")).hasMessageContaining("JSON text");
  }

  private static String wide() {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < 100_001; i++) {
      s.append(i == 0 ? "" : ",").append('1');
    }
    return s.append(']').toString();
  }
}
