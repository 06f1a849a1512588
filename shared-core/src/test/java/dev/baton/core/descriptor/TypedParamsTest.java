package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.plan.Planner;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypedParamsTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  private static final String TYPED =
      """
      version: 1
      name: typed
      params:
        epochs: {type: int, default: 20, min: 1, max: 100, description: training epochs}
        lr: {type: number, default: 1e-3}
        fast: {type: bool, default: false}
        model: {type: choice, choices: [small, large], default: small}
        dataset: data/x.csv
        tag: {type: string}
      steps:
        many: {run: echo many, when: '${{ params.epochs > 5 }}'}
        ordered: {run: echo ordered, when: '${{ params.epochs > 9 }}'}
        quick: {run: echo quick, when: '${{ params.fast }}'}
        large: {run: echo large, when: "${{ params.model == 'large' }}"}
        show: {run: 'echo ${{ params.epochs }} ${{ params.lr }} ${{ params.fast }}'}
      """;

  private static Plan plan(String yaml, Map<String, String> params) {
    return Planner.plan(DescriptorReader.parse(FILE, yaml), params, Set.of(), Optional.empty());
  }

  private static List<String> problems(String yaml) {
    try {
      plan(yaml, Map.of());
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("expected problems");
  }

  private static String declared(String param) {
    return "version: 1\nname: x\nparams:\n  " + param + "\nsteps:\n  a: {run: 'true'}\n";
  }

  private static boolean skipped(Plan plan, String id) {
    PlannedStep s = plan.step(id);
    return s.skipped();
  }

  @Test
  void readsEachTypeWithItsDefaultAndKeepsTheShortFormAString() {
    PipelineDescriptor d = DescriptorReader.parse(FILE, TYPED);
    assertThat(d.paramSpecs().get("epochs").type()).isEqualTo(ParamType.INT);
    assertThat(d.paramSpecs().get("epochs").min()).contains(BigDecimal.ONE);
    assertThat(d.paramSpecs().get("epochs").description()).isEqualTo("training epochs");
    assertThat(d.paramSpecs().get("dataset").type()).isEqualTo(ParamType.STRING);
    assertThat(d.params())
        .containsEntry("epochs", "20")
        .containsEntry("lr", "0.001")
        .containsEntry("fast", "false")
        .containsEntry("model", "small")
        .containsEntry("dataset", "data/x.csv")
        .containsEntry("tag", "");
  }

  @Test
  void typedValuesCompareAsTheirTypeInExpressions() {
    Plan defaults = plan(TYPED, Map.of());
    assertThat(skipped(defaults, "many")).isFalse();
    assertThat(skipped(defaults, "ordered")).isFalse(); // 20 > 9 numerically, not as text
    assertThat(skipped(defaults, "quick")).isTrue(); // a false bool is false, not the text 'false'
    assertThat(skipped(defaults, "large")).isTrue();
    assertThat(defaults.step("show").command().display()).isEqualTo("echo 20 0.001 false");

    Plan given = plan(TYPED, Map.of("epochs", "3", "fast", "TRUE", "model", "large"));
    assertThat(skipped(given, "many")).isTrue();
    assertThat(skipped(given, "quick")).isFalse();
    assertThat(skipped(given, "large")).isFalse();
    assertThat(given.params()).containsEntry("fast", "true").containsEntry("epochs", "3");
  }

  @Test
  void aValueNotOfTheTypeIsAUsageErrorNamingParamValueAndType() {
    assertThatThrownBy(() -> plan(TYPED, Map.of("epochs", "abc")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("parameter 'epochs' (int) cannot be 'abc'")
        .hasMessageContaining("a whole number from 1 to 100");
    assertThatThrownBy(() -> plan(TYPED, Map.of("epochs", "0")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("cannot be '0'");
    assertThatThrownBy(() -> plan(TYPED, Map.of("epochs", "2.5")))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> plan(TYPED, Map.of("lr", "fast")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("parameter 'lr' (number) cannot be 'fast'");
    assertThatThrownBy(() -> plan(TYPED, Map.of("fast", "yes please")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("(bool)")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> plan(TYPED, Map.of("model", "smal")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("parameter 'model' (choice) cannot be 'smal'")
        .hasMessageContaining("one of small, large")
        .hasMessageContaining("did you mean 'small'?");
  }

  @Test
  void reportsAnUnknownTypeWithDidYouMeanAtItsPosition() {
    assertThat(problems(declared("epochs: {type: integer, default: 3}")))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:4:18: unknown parameter type 'integer'")
        .contains("did you mean 'int'?");
    assertThat(problems(declared("epochs: {type: nmber, default: 3}")))
        .singleElement()
        .asString()
        .contains("did you mean 'number'?");
  }

  @Test
  void reportsADefaultNotOfTheTypeAtTheDefault() {
    assertThat(problems(declared("epochs: {type: int, default: many}")))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:4:32: the default 'many' of parameter 'epochs'")
        .contains("is not a whole number");
    assertThat(problems(declared("epochs: {type: int, default: 200, max: 100}")))
        .singleElement()
        .asString()
        .contains("is not a whole number of at most 100");
    assertThat(problems(declared("model: {type: choice, choices: [small, large], default: lage}")))
        .singleElement()
        .asString()
        .contains("did you mean 'large'?");
    assertThat(problems(declared("fast: {type: bool, default: maybe}")))
        .singleElement()
        .asString()
        .contains("is not true or false");
  }

  @Test
  void reportsMinAboveMaxEmptyChoicesAndMisplacedKeys() {
    assertThat(problems(declared("epochs: {type: int, default: 5, min: 10, max: 1}")))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:4:40: parameter 'epochs' has min 10 above max 1");
    assertThat(problems(declared("model: {type: choice, choices: []}")))
        .singleElement()
        .asString()
        .contains("parameter 'model' is a choice with no choices");
    assertThat(problems(declared("name: {type: string, min: 1}")))
        .singleElement()
        .asString()
        .contains("'min' applies to int and number parameters");
    assertThat(problems(declared("epochs: {type: int, defualt: 3}")))
        .anySatisfy(p -> assertThat(p).contains("did you mean 'default'?"));
    assertThat(problems(declared("epochs: {type: int}")))
        .singleElement()
        .asString()
        .contains("has no default");
  }

  @Test
  void planShowsParamsWithTheirTypes() {
    Plan plan = plan(TYPED, Map.of("epochs", "30"));
    assertThat(PlanRenderer.paramLines(plan))
        .contains(
            "param epochs (int, 1..100) = 30: training epochs",
            "param model (choice: small|large) = small",
            "param dataset (string) = data/x.csv");
    assertThat(PlanRenderer.render(plan, "json"))
        .contains("\"paramTypes\"")
        .contains("\"choices\" : [ \"small\", \"large\" ]");
  }
}
