package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.LabelExpression;
import dev.baton.core.errors.InfrastructureException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmNodeSelectionTest {
  private static final List<Agent> NODES =
      SlurmInventory.parse(
          String.join(
              "\n",
              "n1|gpu,a100,ib|gpu:a100:4|64|512000",
              "n2|gpu,a100,flaky|gpu:a100:4|64|512000",
              "n3|gpu,h100|gpu:h100:8|96|1024000",
              "c1|cpu|(null)|128|256000"));

  private static SlurmNodeSelection select(String label) {
    return SlurmNodeSelection.of(LabelExpression.parse(label), NODES);
  }

  @Test
  void positiveExpressionsBecomeAConstraintOnly() {
    assertThat(select("gpu && (a100 || h100)"))
        .isEqualTo(new SlurmNodeSelection("gpu&(a100|h100)", List.of()));
  }

  @Test
  void negationKeepsThePositivePartAndExcludesNodesThatFail() {
    assertThat(select("gpu && (a100 || h100) && !flaky"))
        .isEqualTo(new SlurmNodeSelection("gpu&(a100|h100)", List.of("n2", "c1")));
  }

  @Test
  void implicationIsHonouredByExcludingNodes() {
    // "a100 -> ib": any node without a100, or with both.
    assertThat(select("a100 -> ib")).isEqualTo(new SlurmNodeSelection("", List.of("n2")));
  }

  @Test
  void labelsNoNodeHasAreDroppedBecauseSlurmRejectsUnknownFeatures() {
    assertThat(select("gpu && (a100 || v100)").constraint()).isEqualTo("gpu&a100");
    assertThat(select("v100 || h100").constraint()).isEqualTo("h100");
  }

  @Test
  void nodeNamesAreLabelsButNotFeaturesSoTheyFilter() {
    assertThat(select("n3 || ib")).isEqualTo(new SlurmNodeSelection("", List.of("n2", "c1")));
  }

  @Test
  void emptyLabelRunsAnywhere() {
    assertThat(select("")).isEqualTo(SlurmNodeSelection.ANYWHERE);
  }

  @Test
  void noMatchingNodeIsAnInfrastructureErrorNamingTheFeatures() {
    assertThatThrownBy(() -> select("gpu && v100"))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("no Slurm node matches label 'gpu && v100'")
        .hasMessageContaining("a100, cpu, flaky, gpu, h100, ib");
  }
}
