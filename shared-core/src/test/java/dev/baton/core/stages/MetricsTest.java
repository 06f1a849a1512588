package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void flattensNestedJsonToDottedNames() {
    Map<String, Double> m =
        Metrics.fromJson(
            "{\"accuracy\": 0.93, \"eval\": {\"auc\": 0.91, \"pr\": {\"f1\": 0.8}}, \"ok\": true, \"note\": \"x\"}",
            "m.json");
    assertThat(m)
        .containsEntry("accuracy", 0.93)
        .containsEntry("eval.auc", 0.91)
        .containsEntry("eval.pr.f1", 0.8)
        .containsEntry("ok", 1.0)
        .doesNotContainKey("note");
  }

  @Test
  void readsMetricLinesAndIgnoresOtherOutput() {
    Map<String, Double> m =
        Metrics.fromLines(
            "training...\n::metric accuracy=0.91\n  ::metric eval.auc = 0.88\n::metric bad=x\n");
    assertThat(m).containsOnly(Map.entry("accuracy", 0.91), Map.entry("eval.auc", 0.88));
  }

  @Test
  void analysisOutputMayCarryLogLinesBeforeTheObject() {
    assertThat(Metrics.fromOutput("warming up\n{\"error_rate\": 0.002}\n", "analysis"))
        .containsEntry("error_rate", 0.002);
  }

  @Test
  void rejectsNonObjectJsonWithAHint() {
    assertThatThrownBy(() -> Metrics.fromJson("[1, 2]", "metrics file m.json"))
        .isInstanceOf(StageException.class)
        .hasMessageContaining("not a JSON object");
  }
}
