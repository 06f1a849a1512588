package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.GateSpec;
import dev.baton.core.record.GateResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {
  private static final Map<String, Double> METRICS = Map.of("accuracy", 0.86, "eval.auc", 0.905);

  private static GateSpec.Bound bound(
      String metric, Double min, String baseline, GateSpec.Tolerance drop) {
    return new GateSpec.Bound(
        metric,
        Optional.ofNullable(min),
        Optional.empty(),
        Optional.ofNullable(baseline),
        Optional.ofNullable(drop),
        Optional.empty(),
        true);
  }

  @Test
  void expressionGateReportsValueAndThreshold() {
    List<GateResult> r =
        GateEvaluator.evaluate(
            List.of(new GateSpec.Expr("accuracy >= 0.90"), new GateSpec.Expr("eval.auc > 0.9")),
            METRICS,
            GateEvaluator.BaselineValues.NONE);
    assertThat(r.get(0).passed()).isFalse();
    assertThat(r.get(0).value()).isEqualTo(0.86);
    assertThat(r.get(0).threshold()).isEqualTo(">= 0.90");
    assertThat(r.get(0).message()).contains("accuracy = 0.86").contains("fails");
    assertThat(r.get(1).passed()).isTrue();
  }

  @Test
  void compoundExpressionReadsNestedNames() {
    GateResult r =
        GateEvaluator.evaluate(
                List.of(new GateSpec.Expr("accuracy > 0.8 && eval.auc > 0.9")),
                METRICS,
                GateEvaluator.BaselineValues.NONE)
            .get(0);
    assertThat(r.passed()).isTrue();
    assertThat(r.value()).isEqualTo(Map.of("accuracy", 0.86, "eval.auc", 0.905));
  }

  @Test
  void expressionGateReadsTheValuesOfItsNeedsBesideTheMetrics() {
    GateSpec.Expr floor =
        new GateSpec.Expr("accuracy >= needs.pick.outputs.floor")
            .withNeeds(Map.of("needs.pick.outputs.floor", "0.9"));
    GateSpec.Expr result =
        new GateSpec.Expr("needs.pick.result == 'success'")
            .withNeeds(Map.of("needs.pick.result", "success"));
    List<GateResult> r =
        GateEvaluator.evaluate(List.of(floor, result), METRICS, GateEvaluator.BaselineValues.NONE);
    assertThat(r.get(0).passed()).isFalse();
    assertThat(r.get(0).message())
        .isEqualTo(
            "values {accuracy=0.86, needs.pick.outputs.floor=0.9}, fails accuracy >="
                + " needs.pick.outputs.floor");
    assertThat(r.get(1).passed()).isTrue();
    assertThat(r.get(1).message()).startsWith("needs.pick.result = success, passes");
  }

  @Test
  void aNeedsNameWithoutItsValueIsAMissingMetricNotAPass() {
    GateResult r =
        GateEvaluator.evaluate(
                List.of(new GateSpec.Expr("accuracy >= needs.pick.outputs.floor")),
                METRICS,
                GateEvaluator.BaselineValues.NONE)
            .get(0);
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("'needs.pick.outputs.floor' is missing");
  }

  @Test
  void objectGateAppliesMinAndAbsoluteDropFromBaseline() {
    GateEvaluator.BaselineValues champion =
        (name, metric) -> name.equals("champion") ? Optional.of(0.92) : Optional.empty();
    GateResult r =
        GateEvaluator.evaluate(
                List.of(bound("eval.auc", 0.85, "champion", new GateSpec.Tolerance(0.01, false))),
                METRICS,
                champion)
            .get(0);
    assertThat(r.passed()).isFalse();
    assertThat(r.threshold()).isEqualTo(0.91);
    assertThat(r.baseline()).isEqualTo(0.92);
    assertThat(r.message())
        .contains("eval.auc = 0.905")
        .contains("champion 0.92")
        .contains("worse by 0.015");
  }

  @Test
  void relativeDropIsAFractionOfTheBaseline() {
    GateEvaluator.BaselineValues champion = (name, metric) -> Optional.of(0.91);
    GateSpec gate = bound("eval.auc", null, "champion", new GateSpec.Tolerance(0.01, true));
    GateResult r = GateEvaluator.evaluate(List.of(gate), METRICS, champion).get(0);
    // 1% of 0.91 is 0.0091: the bound is 0.9009, which 0.905 clears.
    assertThat(r.passed()).isTrue();
    assertThat(r.threshold()).isEqualTo(0.9009);
    GateResult tighter =
        GateEvaluator.evaluate(List.of(gate), Map.of("eval.auc", 0.90), champion).get(0);
    assertThat(tighter.passed()).isFalse();
  }

  @Test
  void missingBaselineLeavesOnlyMinAndSaysSo() {
    GateResult r =
        GateEvaluator.evaluate(
                List.of(bound("accuracy", 0.8, "champion", new GateSpec.Tolerance(0.01, false))),
                METRICS,
                GateEvaluator.BaselineValues.NONE)
            .get(0);
    assertThat(r.passed()).isTrue();
    assertThat(r.message()).contains("no baseline 'champion'");
  }

  @Test
  void missingMetricFailsItsGateInBothForms() {
    List<GateResult> r =
        GateEvaluator.evaluate(
            List.of(new GateSpec.Expr("f1 >= 0.5"), bound("recall", 0.5, null, null)),
            METRICS,
            GateEvaluator.BaselineValues.NONE);
    assertThat(r).allSatisfy(g -> assertThat(g.passed()).isFalse());
    assertThat(r.get(0).message()).contains("metric 'f1' is missing").contains("accuracy");
    assertThat(r.get(1).message()).contains("metric 'recall' is missing");
    assertThat(GateEvaluator.allPassed(r)).isFalse();
  }
}
