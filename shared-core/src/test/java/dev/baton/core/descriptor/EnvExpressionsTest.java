package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.plan.Planner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code ${{ }}} in {@code env:} values: substituted like {@code run}, checked where written. */
class EnvExpressionsTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  private static Plan plan(String yaml, Map<String, String> params) {
    return Planner.plan(DescriptorReader.parse(FILE, yaml), params, Set.of(), Optional.empty());
  }

  private static List<String> problems(String yaml, Map<String, String> params) {
    try {
      plan(yaml, params);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("expected problems");
  }

  private static PlannedStep step(Plan plan, String id) {
    return plan.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static final String PIPELINE =
      """
      version: 1
      name: env
      params: {dataset: "imagenet", epochs: 10}
      env:
        DATA: /data/${{ params.dataset }}
        PLAIN: $HOME/it's "as written"
      steps:
        train:
          matrix: {lr: [0.001, 0.01]}
          env:
            RUN_NAME: ${{ params.dataset }}-lr${{ matrix.lr }}
            FROM_PIPELINE: "${{ env.DATA }}/train"
            LONG: ${{ params.epochs > 5 }}
          run: 'true'
      """;

  @Test
  void pipelineAndStepEnvValuesAreSubstitutedPerCellWithoutShellQuoting() {
    Plan plan = plan(PIPELINE, Map.of("dataset", "my data's"));

    PlannedStep cell = step(plan, "train[lr=0.01]");
    assertThat(cell.env())
        .containsEntry("DATA", "/data/my data's")
        .containsEntry("PLAIN", "$HOME/it's \"as written\"")
        .containsEntry("RUN_NAME", "my data's-lr0.01")
        .containsEntry("FROM_PIPELINE", "/data/my data's/train")
        .containsEntry("LONG", "true");
    assertThat(step(plan, "train[lr=0.001]").env()).containsEntry("RUN_NAME", "my data's-lr0.001");
  }

  @Test
  void commandsAndConditionsReadTheSubstitutedEnv() {
    Plan plan =
        plan(
            """
            version: 1
            name: env
            params: {target: staging}
            env: {TARGET: "${{ params.target }}"}
            steps:
              deploy:
                when: ${{ env.TARGET == 'staging' }}
                run: echo ${{ env.TARGET }}
            """,
            Map.of());

    assertThat(step(plan, "deploy").skipped()).isFalse();
    assertThat(step(plan, "deploy").command().display()).isEqualTo("echo staging");
  }

  @Test
  void unknownNamesAreReportedWhereTheyAreWritten() {
    List<String> p =
        problems(
            """
            version: 1
            name: env
            params: {dataset: x}
            env:
              DATA: /data/${{ params.datset }}
            steps:
              train:
                env: {RUN: "${{ matrix.lr }}"}
                run: 'true'
            """,
            Map.of());

    assertThat(p)
        .containsExactly(
            "pipelines/baton.yaml:5:19: unknown name 'params.datset' in DATA of the pipeline's"
                + " env; did you mean 'params.dataset'?",
            "pipelines/baton.yaml:8:21: unknown name 'matrix.lr' in RUN of the env of step"
                + " 'train'; did you mean 'matrix'?");
  }

  @Test
  void contextsAnEnvCannotReadAreLocatedErrors() {
    List<String> p =
        problems(
            """
            version: 1
            name: env
            env:
              A: x
              B: ${{ env.A }}
              C: ${{ matrix.lr }}
            steps:
              train:
                env: {D: "${{ github.sha }}"}
                run: 'true'
            """,
            Map.of());

    assertThat(p)
        .containsExactly(
            "pipelines/baton.yaml:5:10: 'env.A' cannot be read in B of the pipeline's env; the"
                + " pipeline's env can read params.* only; read matrix.* and env.* in a step's env",
            "pipelines/baton.yaml:6:10: 'matrix.lr' cannot be read in C of the pipeline's env; the"
                + " pipeline's env can read params.* only; read matrix.* and env.* in a step's env",
            "pipelines/baton.yaml:9:19: 'github.sha' cannot be read in D of the env of step"
                + " 'train'; a step's env can read params.*, matrix.* and env.* (the pipeline's"
                + " env)");
  }

  @Test
  void malformedExpressionPointsAtItsColumn() {
    List<String> p =
        problems(
            """
            version: 1
            name: env
            env: {A: "${{ params.x == }}"}
            steps: {s: {run: 'true'}}
            """,
            Map.of());

    assertThat(p).singleElement().asString().startsWith("pipelines/baton.yaml:3:");
  }

  @Test
  void secretInEnvIsReportedOnceAsASecret() {
    List<String> p =
        problems(
            """
            version: 1
            name: env
            secrets: {TOKEN: {env: CI_TOKEN}}
            steps:
              s: {env: {T: "${{ secrets.TOKEN }}"}, run: 'true'}
            """,
            Map.of());

    assertThat(p).singleElement().asString().contains("a secret cannot be substituted");
  }

  @Test
  void aValueThatFailsOnlyWithAnOverrideIsReportedAtPlanning() {
    String yaml =
        """
        version: 1
        name: env
        params: {n: "3"}
        env: {BIG: "${{ params.n > 2 }}"}
        steps: {s: {run: 'true'}}
        """;

    assertThat(step(plan(yaml, Map.of()), "s").env()).containsEntry("BIG", "true");
    assertThatThrownBy(() -> plan(yaml, Map.of("n", "[1]")))
        .isInstanceOf(DescriptorException.class);
  }

  @Test
  void expressionsInFieldsUsedAsWrittenAreLocatedErrorsNeverSilentlyLiteral() {
    List<String> p =
        problems(
            """
            version: 1
            name: env
            params: {model: small, pool: gpu}
            steps:
              train:
                workdir: runs/${{ params.model }}
                agent: {label: "${{ params.pool }}"}
                matrix: {v: ["${{ params.model }}"]}
                concurrency: {group: "g-${{ params.model }}"}
                run: 'true'
            """,
            Map.of());

    assertThat(p)
        .containsExactlyInAnyOrder(
            "pipelines/baton.yaml:6:19: ${{ }} is not substituted in 'workdir' of step 'train': the"
                + " value would be used as written; write the value itself; ${{ }} is substituted"
                + " in run, when, env, inputs, outputs and stage commands (docs/expressions.md)",
            "pipelines/baton.yaml:7:21: ${{ }} is not substituted in 'agent' of step 'train': the"
                + " value would be used as written; write the value itself; ${{ }} is substituted"
                + " in run, when, env, inputs, outputs and stage commands (docs/expressions.md)",
            "pipelines/baton.yaml:8:19: ${{ }} is not substituted in 'matrix' of step 'train': the"
                + " value would be used as written; write the value itself; ${{ }} is substituted"
                + " in run, when, env, inputs, outputs and stage commands (docs/expressions.md)",
            "pipelines/baton.yaml:9:29: ${{ }} is not substituted in 'concurrency' of step"
                + " 'train': the value would be used as written; write the value itself; ${{ }} is"
                + " substituted in run, when, env, inputs, outputs and stage commands"
                + " (docs/expressions.md)");
  }

  @Test
  void stagePartsUsedAsWrittenAreLocatedErrorsWhileCommandsAndHealthUrlsAreSubstituted() {
    List<String> p =
        problems(
            """
            version: 1
            name: env
            params: {port: "8080", model: small}
            steps:
              quality:
                validate:
                  run: ./eval.sh ${{ params.model }}
                  metrics: build/${{ params.model }}.json
                  gates: [accuracy >= 0.9]
              release:
                deploy:
                  strategy: canary
                  weights: [10, 100]
                  shift: ./route.sh ${{ deploy.weight }}
                  health: {http: "http://localhost:${{ params.port }}/health"}
                  rollback: ./route.sh 0
            """,
            Map.of());

    assertThat(p)
        .singleElement()
        .asString()
        .startsWith(
            "pipelines/baton.yaml:8:22: ${{ }} is not substituted in 'validate.metrics' of step"
                + " 'quality'");
  }
}
