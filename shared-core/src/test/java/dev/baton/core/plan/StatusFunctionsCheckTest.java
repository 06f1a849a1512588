package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Status functions are checked before anything runs: valid in a step's {@code when} only, anywhere
 * else a located error that says what to write instead; their steps are decided as the needs end.
 */
class StatusFunctionsCheckTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  private static Plan plan(String yaml) {
    return Planner.plan(DescriptorReader.parse(FILE, yaml), Map.of(), Set.of(), Optional.empty());
  }

  private static List<String> problems(String yaml) {
    try {
      plan(yaml);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void aStatusFunctionInRunIsALocatedErrorSayingToUseWhen() {
    List<String> problems =
        problems(
            """
            version: 1
            name: p
            steps:
              a: {run: 'true'}
              b:
                needs: [a]
                run: echo ${{ failure() }}
            """);

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:7:")
        .contains("status function 'failure()' is not allowed in 'run' of step 'b'")
        .contains("only a step's 'when' may call it")
        .contains("when: ${{ failure() }}")
        .contains("needs.<step>.result");
  }

  @Test
  void aStatusFunctionInEnvOrAGateIsAnErrorAtItsColumn() {
    String env =
        """
        version: 1
        name: p
        steps:
          a:
            env: {DONE: "${{ always() }}"}
            run: 'true'
        """;
    String gate =
        """
        version: 1
        name: p
        steps:
          v:
            validate:
              metrics: m.json
              gates: ["success() && accuracy > 0.9"]
        """;

    assertThat(problems(env))
        .anySatisfy(p -> assertThat(p).contains("status function 'always()' is not allowed"));
    assertThat(problems(gate))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:7:")
        .contains("status function 'success()' is not allowed");
  }

  @Test
  void aMistypedOrMisusedStatusFunctionInWhenIsFoundBeforeTheRun() {
    String typo =
        """
        version: 1
        name: p
        steps:
          a: {run: 'true'}
          b: {needs: [a], when: "${{ failuer() }}", run: 'true'}
        """;
    String arguments =
        """
        version: 1
        name: p
        steps:
          a: {run: 'true'}
          b: {needs: [a], when: "${{ always('x') }}", run: 'true'}
        """;

    assertThat(problems(typo))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:5:")
        .contains("unknown function 'failuer'")
        .contains("did you mean 'failure'?");
    assertThat(problems(arguments))
        .singleElement()
        .asString()
        .contains("'always' takes no arguments, not 1")
        .contains("write always()");
  }

  @Test
  void aWhenWithAStatusFunctionIsDecidedAsTheNeedsEndAndShownInThePlan() {
    Plan plan =
        plan(
            """
            version: 1
            name: p
            params: {notify: 'yes'}
            steps:
              a: {run: 'true'}
              notify:
                needs: [a]
                when: ${{ failure() && params.notify == 'yes' }}
                run: 'true'
            """);

    PlannedStep notify = plan.steps().get(1);
    assertThat(notify.skipped()).isFalse();
    assertThat(WhenConditions.isCleanup(notify.spec())).isTrue();
    assertThat(PlanRenderer.render(plan, "text"))
        .contains(
            "notify  <- a  (when ${{ failure() && params.notify == 'yes' }}, decided as its needs"
                + " end)");
    assertThat(PlanRenderer.render(plan, "json")).contains("\"statusFunctions\" : [ \"failure\" ]");
  }

  @Test
  void anUnknownNameBesideAStatusFunctionIsStillFoundBeforeTheRun() {
    assertThat(
            problems(
                """
                version: 1
                name: p
                params: {notify: 'yes'}
                steps:
                  a: {run: 'true'}
                  b: {needs: [a], when: "${{ always() && params.notfy == 'yes' }}", run: 'true'}
                """))
        .singleElement()
        .asString()
        .contains("unknown name 'params.notfy'")
        .contains("params.notify");
  }
}
