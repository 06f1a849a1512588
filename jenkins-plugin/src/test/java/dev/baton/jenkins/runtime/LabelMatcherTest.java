package dev.baton.jenkins.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runtime's label expressions follow Jenkins' syntax and precedence. */
class LabelMatcherTest {
  private static final Set<String> A100 = Set.of("gpu", "a100", "linux");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "'' => true",
        "gpu => true",
        "h100 => false",
        "gpu && a100 => true",
        "gpu && h100 => false",
        "h100 || a100 => true",
        "!h100 => true",
        "!gpu => false",
        "gpu && (a100 || h100) && !flaky => true",
        "gpu && !(a100 || h100) => false",
        "h100 -> fast => true",
        "a100 -> fast => false",
        "a100 <-> gpu => true",
        "a100 <-> h100 => false",
        "h100 || a100 && gpu => true",
        "!a100 || gpu => true",
        "gpu -> h100 -> x => true",
        "\"a100\" && linux => true",
        "a100-80gb || linux => true"
      })
  void evaluatesLikeJenkins(String expression, boolean expected) {
    assertThat(LabelMatcher.matches(expression, A100)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"gpu &&", "(gpu", "gpu )", "&& gpu"})
  void rejectsMalformedExpressions(String expression) {
    assertThatThrownBy(() -> LabelMatcher.matches(expression, A100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
