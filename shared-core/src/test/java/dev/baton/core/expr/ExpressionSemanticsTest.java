package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionSemanticsTest {
  private static final Bindings PARAMS =
      Bindings.of(
          Map.of(
              "params",
              Map.of("lr", "0.001", "branch", "main", "count", "10", "flag", "true", "empty", ""),
              "metrics",
              Map.of("accuracy", 0.93, "nan", Double.NaN, "epochs", 12)));

  private static boolean test(String text) {
    return Expression.parse(text).test(PARAMS);
  }

  private static Object eval(String text) {
    return Expression.parse(text).evaluate(PARAMS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "params.lr == 0.001",
        "params.lr == '0.0010'",
        "params.lr == 1e-3",
        "params.lr < 0.01",
        "params.count > 9",
        "params.count > '9'",
        "'10' > '9'",
        "metrics.epochs >= 12",
        "metrics.accuracy >= 0.90",
        "-1 < 0",
        "1.0 == 1"
      })
  void comparesNumbersAndNumericStringsNumerically(String text) {
    assertThat(test(text)).as(text).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'abc' < 'abd'",
        "'B' < 'a'",
        "'apple' <= 'apple'",
        "'main' == params.branch",
        "'Main' != params.branch",
        "params.flag == true",
        "params.empty == ''",
        "params.empty == null",
        "null == null",
        "'v10' < 'v9'"
      })
  void comparesOtherValuesAsCaseSensitiveText(String text) {
    assertThat(test(text)).as(text).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metrics.nan >= 0.9|'NaN' and 0.9|12",
        "params.branch < 1|'main' and 1|14",
        "true > false|true and false|5",
        "null < 1|null and 1|5",
        "'abc' >= params.count|'abc' and '10'|6"
      })
  void refusesToOrderANumberAgainstTextOrBooleansOrNull(String text, String shown, int offset) {
    Expression expression = Expression.parse(text);
    assertThatThrownBy(() -> expression.evaluate(PARAMS))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> {
              assertThat(e.problem()).contains("cannot order " + shown);
              assertThat(e.offset()).isEqualTo(offset);
            });
  }

  @Test
  void inTestsMembershipWithTheSameEqualityRules() {
    assertThat(test("params.branch in ['main', 'release']")).isTrue();
    assertThat(test("params.branch in ['dev', 'release']")).isFalse();
    assertThat(test("params.lr in [0.1, 0.001]")).isTrue();
    assertThat(test("params.count in ['10.0']")).isTrue();
    assertThat(test("'x' in []")).isFalse();
    assertThat(test("!(params.branch in ['dev'])")).isTrue();
  }

  @Test
  void inAcceptsAListFromTheBindings() {
    Bindings bindings = Bindings.of(Map.of("params", Map.of("tags", List.of("gpu", "a100"))));
    assertThat(Expression.parse("'a100' in params.tags").test(bindings)).isTrue();
    assertThat(Expression.parse("'h100' in params.tags").test(bindings)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "null", "0", "0.0", "-0", "''", "params.empty", "!true"})
  void treatsFalseNullZeroAndEmptyStringAsFalsy(String text) {
    assertThat(test(text)).as(text).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "1", "-0.1", "'0'", "'false'", "' '", "[]", "params.flag"})
  void treatsEverythingElseAsTruthy(String text) {
    assertThat(test(text)).as(text).isTrue();
  }

  @Test
  void andOrYieldTheDecidingOperandLikeGitHubActions() {
    assertThat(eval("params.empty || 'default'")).isEqualTo("default");
    assertThat(eval("params.branch || 'default'")).isEqualTo("main");
    assertThat(eval("params.branch && params.lr")).isEqualTo("0.001");
    assertThat(eval("params.empty && params.lr")).isEqualTo("");
    assertThat(eval("0 || null")).isNull();
  }

  @Test
  void notAndComparisonsYieldBooleans() {
    assertThat(eval("!params.branch")).isEqualTo(false);
    assertThat(eval("params.count == 10")).isEqualTo(true);
    assertThat(eval("params.branch in ['main']")).isEqualTo(true);
  }

  @Test
  void shortCircuitsWithoutLookingUpTheSkippedSide() {
    RecordingBindings bindings = new RecordingBindings();
    assertThat(Expression.parse("params.yes || params.missing").test(bindings)).isTrue();
    assertThat(Expression.parse("params.no && params.missing").test(bindings)).isFalse();
    assertThat(Expression.parse("params.no || params.yes || params.missing").test(bindings))
        .isTrue();
    assertThat(bindings.looked).doesNotContain("params.missing");
    assertThatThrownBy(() -> Expression.parse("params.yes && params.missing").test(bindings))
        .isInstanceOf(ExpressionException.class);
    assertThat(bindings.looked).contains("params.missing");
  }

  @Test
  void evaluatesToTheDocumentedJavaTypes() {
    assertThat(eval("params.count")).isInstanceOf(String.class);
    assertThat(eval("metrics.epochs")).isEqualTo(new BigDecimal("12"));
    assertThat(eval("metrics.accuracy")).isEqualTo(new BigDecimal("0.93"));
    assertThat(eval("['a']")).isInstanceOf(List.class);
  }

  @Test
  void listsCannotBeComparedWithEquals() {
    assertThatThrownBy(() -> eval("['a'] == ['a']"))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> {
              assertThat(e.problem()).isEqualTo("'==' cannot compare lists");
              assertThat(e.offset()).isEqualTo(6);
              assertThat(e.hint()).contains("in");
            });
  }

  /** Bindings that answer params.yes/params.no and remember every lookup. */
  private static final class RecordingBindings implements Bindings {
    final List<String> looked = new ArrayList<>();

    @Override
    public Optional<Object> lookup(List<String> path) {
      String name = String.join(".", path);
      looked.add(name);
      return switch (name) {
        case "params.yes" -> Optional.of("yes");
        case "params.no" -> Optional.of("");
        default -> Optional.empty();
      };
    }

    @Override
    public Set<String> names() {
      return Set.of("params.yes", "params.no");
    }
  }
}
