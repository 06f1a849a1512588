package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.agents.LabelExpression;
import org.junit.jupiter.api.Test;

class SlurmConstraintTest {

  private static String translate(String label) {
    return SlurmConstraint.translate(LabelExpression.parse(label));
  }

  @Test
  void translatesAndOrIntoSlurmOperators() {
    assertThat(translate("gpu")).isEqualTo("gpu");
    assertThat(translate("gpu && a100")).isEqualTo("gpu&a100");
    assertThat(translate("a100 || h100")).isEqualTo("a100|h100");
  }

  @Test
  void keepsOneLevelOfParenthesesAsWritten() {
    assertThat(translate("gpu && (a100 || h100)")).isEqualTo("gpu&(a100|h100)");
    assertThat(translate("(a100 || h100) && ib && (rack1 || rack2)"))
        .isEqualTo("(a100|h100)&ib&(rack1|rack2)");
    assertThat(translate("a100 || (h100 && ib)")).isEqualTo("a100|(h100&ib)");
  }

  @Test
  void parenthesisesMixedOperatorsBecauseSlurmReadsLeftToRight() {
    // Jenkins binds && tighter; Slurm would read "a100|h100&ib" as "(a100|h100)&ib".
    assertThat(translate("a100 || h100 && ib")).isEqualTo("a100|(h100&ib)");
  }

  @Test
  void flattensDeeperNestingIntoDisjunctiveNormalForm() {
    // Slurm rejects nested parentheses such as "gpu&((a100&ib)|h100)".
    assertThat(translate("gpu && ((a100 && ib) || h100)")).isEqualTo("(gpu&a100&ib)|(gpu&h100)");
    assertThat(translate("(a || b) && (c || (d && e))")).isEqualTo("(a&c)|(a&d&e)|(b&c)|(b&d&e)");
  }

  @Test
  void dropsAlternativesThatAnotherAlreadyCovers() {
    assertThat(translate("(gpu && a100) || gpu && (gpu || x)")).isEqualTo("gpu");
  }

  @Test
  void emptyExpressionNeedsNoConstraint() {
    assertThat(translate("")).isEmpty();
  }

  @Test
  void negationImplicationAndEquivalenceHaveNoSlurmForm() {
    for (String label : new String[] {"gpu && !flaky", "gpu -> a100", "a100 <-> ib"}) {
      assertThatThrownBy(() -> translate(label))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("cannot express")
          .hasMessageContaining("filters the Slurm nodes");
    }
    assertThatThrownBy(() -> translate("gpu && !flaky")).hasMessageContaining("'!'");
    assertThatThrownBy(() -> translate("gpu -> a100")).hasMessageContaining("'->'");
  }

  @Test
  void refusesHugeAlternativeLists() {
    String eightPairs = "(a||b)&&(c||d)&&(e||f)&&(g||h)&&(i||j)&&(k||l)&&(m||n)&&((o&&p)||q)";
    assertThatThrownBy(() -> translate(eightPairs))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("more than " + SlurmConstraint.MAX_TERMS);
  }
}
