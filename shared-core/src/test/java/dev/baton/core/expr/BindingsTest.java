package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BindingsTest {

  private static Object eval(String text, Map<String, ?> values) {
    return Expression.parse(text).evaluate(Bindings.of(values));
  }

  @Test
  void looksUpNestedPaths() {
    Bindings bindings = Bindings.of(Map.of("params", Map.of("dataset", "x")));
    assertThat(bindings.lookup(List.of("params", "dataset"))).contains("x");
    assertThat(bindings.lookup(List.of("params", "other"))).isEmpty();
    assertThat(bindings.lookup(List.of("params", "dataset", "deeper"))).isEmpty();
    assertThat(bindings.lookup(List.of("params"))).contains(Map.of("dataset", "x"));
  }

  @Test
  void findsFlatKeysThatContainDots() {
    Map<String, Object> metrics = Map.of("eval.auc", 0.91, "eval", Map.of("loss", 0.2));
    assertThat(eval("metrics.eval.auc", Map.of("metrics", metrics)))
        .isEqualTo(new BigDecimal("0.91"));
    assertThat(eval("metrics.eval.loss", Map.of("metrics", metrics)))
        .isEqualTo(new BigDecimal("0.2"));
  }

  @Test
  void listsLeafNamesDotted() {
    Bindings bindings =
        Bindings.of(
            Map.of("params", Map.of("dataset", "x"), "matrix", Map.of("lr", 0.1), "top", 1));
    assertThat(bindings.names()).containsExactlyInAnyOrder("params.dataset", "matrix.lr", "top");
  }

  @Test
  void aNameBoundToNullEvaluatesToNullRatherThanUnknown() {
    Map<String, Object> params = new HashMap<>();
    params.put("tag", null);
    Bindings bindings = Bindings.of(Map.of("params", params));
    assertThat(bindings.lookup(List.of("params", "tag"))).isEqualTo(Optional.empty());
    assertThat(bindings.names()).contains("params.tag");
    Expression e = Expression.parse("params.tag");
    assertThat(e.evaluate(bindings)).isNull();
    assertThat(Expression.parse("params.tag || 'latest'").evaluate(bindings)).isEqualTo("latest");
  }

  @Test
  void turnsJavaNumbersIntoExactDecimals() {
    Map<String, Object> m = new HashMap<>();
    m.put("i", 7);
    m.put("l", 1L << 40);
    m.put("d", 0.1);
    m.put("f", 0.1f);
    m.put("big", new BigInteger("123456789012345678901234567890"));
    m.put("inf", Double.POSITIVE_INFINITY);
    assertThat(eval("i", m)).isEqualTo(new BigDecimal("7"));
    assertThat(eval("l", m)).isEqualTo(new BigDecimal("1099511627776"));
    assertThat(eval("d", m)).isEqualTo(new BigDecimal("0.1"));
    assertThat(eval("f", m)).isEqualTo(new BigDecimal("0.1"));
    assertThat(eval("big", m)).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(eval("inf", m)).isEqualTo("Infinity");
  }

  @Test
  void readsMapsWithNonStringKeysAsText() {
    Map<Object, Object> byNumber = new TreeMap<>(Map.of(1, "one", 2, "two"));
    Map<String, Object> root = Map.of("matrix", byNumber);
    assertThat(Bindings.of(root).lookup(List.of("matrix", "2"))).contains("two");
  }

  @Test
  void keepsListsAndNullsInsideThem() {
    Map<String, Object> m = new HashMap<>();
    m.put("xs", Arrays.asList("a", null, 3));
    assertThat(eval("xs", m)).isEqualTo(Arrays.asList("a", null, BigDecimal.valueOf(3)));
    assertThat(eval("null in xs", m)).isEqualTo(true);
  }
}
