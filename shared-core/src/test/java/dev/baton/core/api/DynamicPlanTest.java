package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.Expansions;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning and checking dynamic fan-out and needs on part of a matrix, and the API an outside
 * engine (the Jenkins library) expands and runs dynamic cells with.
 */
class DynamicPlanTest {
  @TempDir Path workspace;

  private static final String FAN =
      """
      version: 1
      name: fan
      steps:
        gen:
          run: echo 'lrs=[0.1,0.01]' >> "$BATON_OUTPUT"
        train:
          needs: [gen]
          matrix: {lr: "${{ fromJSON(needs.gen.outputs.lrs) }}", seed: [1, 2]}
          maxCells: 50
          run: echo "acc=${{ matrix.lr }}/${{ matrix.seed }}" >> "$BATON_OUTPUT"
        pick:
          needs: [train]
          run: echo "best=${{ join(needs.train.outputs.acc, ' ') }}" >> "$BATON_OUTPUT"
      """;

  private Path write(String yaml) throws IOException {
    Path file = workspace.resolve("baton.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private List<String> problems(String yaml) throws IOException {
    Path file = write(yaml);
    DescriptorException e =
        catchThrowableOfType(
            () -> new Baton(event -> {}, Map.of()).check(BatonConfig.of(file)),
            DescriptorException.class);
    assertThat(e).as("expected descriptor problems").isNotNull();
    return e.problems().stream().map(DescriptorProblem::format).toList();
  }

  @Test
  void planHoldsADynamicStepAsOnePendingStepThatItsDependantsWaitFor() throws Exception {
    Plan plan = new Baton(e -> {}).plan(BatonConfig.of(write(FAN)));

    assertThat(plan.steps()).extracting(PlannedStep::id).containsExactly("gen", "train", "pick");
    assertThat(Expansions.isPending(plan.step("train"))).isTrue();
    assertThat(plan.step("pick").needs()).containsExactly("train");
    assertThat(PlanRenderer.render(plan, "text"))
        .contains(
            "train  <- gen  (pending expansion: matrix {lr: ${{"
                + " fromJSON(needs.gen.outputs.lrs) }}, seed: [1, 2]} when its needs end)");
    assertThat(PlanRenderer.render(plan, "json"))
        .contains("\"expansion\" : {\n      \"pending\" : true,")
        .contains("\"lr\" : \"${{ fromJSON(needs.gen.outputs.lrs) }}\"")
        .contains("\"maxCells\" : 50");
  }

  @Test
  void checkFindsWhatItCanInADynamicAxisBeforeAnythingRuns() throws Exception {
    List<String> problems =
        problems(
            """
            version: 1
            name: fan
            steps:
              gen: {run: 'true'}
              a:
                needs: [gen]
                matrix: {s: "${{ fromJSN(needs.gen.outputs.x) }}"}
                run: 'true'
              b:
                needs: [gen]
                matrix: {s: "${{ fromJSON(needs.gne.outputs.x) }}"}
                run: 'true'
              c:
                needs: [gen]
                matrix: {s: "${{ fromJSON(needs.gen.output.x) }}"}
                run: 'true'
              d:
                needs: [gen]
                matrix: {s: "x-${{ needs.gen.outputs.x }}"}
                run: 'true'
              e:
                maxCells: 5
                matrix: {s: [1, 2]}
                run: 'true'
              f:
                needs: [gen]
                matrix: {s: "${{ fromJSON(needs.gen.outputs.x) }}"}
                run: echo ${{ matrix.t }}
            """);

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("baton.yaml:7:22")
                    .contains("unknown function 'fromJSN'")
                    .contains("did you mean 'fromJSON'"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("reads step 'gne', which step 'b' does not need")
                    .contains("did you mean needs.gen?"))
        .anySatisfy(
            p ->
                assertThat(p).contains("reads 'output'").contains("did you mean needs.gen.outputs"))
        .anySatisfy(p -> assertThat(p).contains("matrix.s mixes text and ${{ }}"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("step 'e' sets maxCells but its matrix has no axis computed"))
        .anySatisfy(p -> assertThat(p).contains("unknown name 'matrix.t'"));
  }

  @Test
  void needsOnACellOrSubsetOfAStaticMatrixWaitForThoseCellsAndMistakesSayWhatExists()
      throws Exception {
    String good =
        """
        version: 1
        name: part
        steps:
          train:
            matrix: {model: [small, large], lr: [0.1, 0.01]}
            run: 'true'
          one: {needs: ["train[model=small,lr=0.1]"], run: 'true'}
          big: {needs: [{step: train, matrix: {model: large}}], run: 'true'}
          all: {needs: [train, "train[model=small,lr=0.1]"], run: 'true'}
        """;
    Plan plan = new Baton(e -> {}).plan(BatonConfig.of(write(good)));
    assertThat(plan.step("one").needs()).containsExactly("train[model=small,lr=0.1]");
    assertThat(plan.step("big").needs())
        .containsExactly("train[model=large,lr=0.1]", "train[model=large,lr=0.01]");
    assertThat(plan.step("all").needs()).hasSize(4);

    List<String> problems =
        problems(
            """
            version: 1
            name: part
            steps:
              train:
                matrix: {model: [small, large], lr: [0.1, 0.01]}
                run: 'true'
              plain: {run: 'true'}
              a: {needs: ["train[model=smal,lr=0.1]"], run: 'true'}
              b: {needs: [{step: train, matrix: {modle: large}}], run: 'true'}
              c: {needs: [{step: train, matrix: {model: huge}}], run: 'true'}
              d: {needs: ["plain[x=1]"], run: 'true'}
            """);
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("baton.yaml:8:")
                    .contains(
                        "needs 'train[model=smal,lr=0.1]', which is not a cell of step 'train'")
                    .contains("did you mean 'train[model=small,lr=0.1]'?"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("the matrix of step 'train' has no 'modle'")
                    .contains("did you mean 'model'?"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("needs 'train cells with model=huge', which is not any cell")
                    .contains("its cells are: train[model=small,lr=0.1]"))
        .anySatisfy(p -> assertThat(p).contains("but step 'plain' has no matrix"));
    assertThat(
            problems(
                """
                version: 1
                name: part
                steps:
                  train: {matrix: {model: [small]}, run: 'true'}
                  e: {needs: ["trian[model=small]"], run: 'true'}
                """))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("needs 'trian', which is not a step")
                    .contains("did you mean 'train'?"));
  }

  @Test
  void anOutsideEngineExpandsFromTheNeedsRecordsAndRunsOneCellAndTheFanIn() throws Exception {
    Path file = write(FAN);
    Baton baton = new Baton(e -> {});
    BatonConfig config = BatonConfig.of(file);
    Path gen = workspace.resolve("records/gen");
    baton.runStep(config.toBuilder().reportDir(gen).build(), "gen", "agent-1", List.of(), "r1");

    Baton.Expanded expanded = baton.expand(config, "train", List.of(gen));

    assertThat(expanded.expansion().state()).isEqualTo(Expansions.State.EXPANDED);
    assertThat(expanded.expansion().cells())
        .extracting(PlannedStep::id)
        .containsExactly(
            "train[lr=0.1,seed=1]",
            "train[lr=0.1,seed=2]",
            "train[lr=0.01,seed=1]",
            "train[lr=0.01,seed=2]");
    String json = PlanRenderer.expansion(expanded.plan(), expanded.expansion());
    assertThat(json)
        .contains("\"state\" : \"expanded\"")
        .contains("\"lr\" : [ \"0.1\", \"0.01\" ]");

    List<Path> cells = new ArrayList<>();
    List<PlannedStep> reversed = new ArrayList<>(expanded.expansion().cells());
    Collections.reverse(reversed);
    // Run in reverse order: the fan-in reads the cells in cell order whatever order they ran in.
    for (PlannedStep cell : reversed) {
      Path dir = workspace.resolve("records/" + cell.id().replaceAll("[^a-z0-9]", "_"));
      RunOutcome out =
          baton.runStep(
              config.toBuilder().reportDir(dir).build(),
              cell.id(),
              "agent-1",
              List.of(),
              "r1",
              List.of(gen));
      assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
      StepRecord rec = out.record().steps().get(0);
      assertThat(rec.dynamic().index()).isEqualTo(expanded.expansion().cells().indexOf(cell));
      cells.add(dir);
    }
    RunOutcome pick =
        baton.runStep(
            config.toBuilder().reportDir(workspace.resolve("records/pick")).build(),
            "pick",
            "agent-1",
            List.of(),
            "r1",
            cells);

    assertThat(pick.record().steps().get(0).outputs())
        .containsEntry("best", "0.1/1 0.1/2 0.01/1 0.01/2");

    UsageException noCell =
        catchThrowableOfType(
            () ->
                baton.runStep(
                    config.toBuilder().reportDir(workspace.resolve("x")).build(),
                    "train[lr=0.5,seed=1]",
                    "agent-1",
                    List.of(),
                    "r1",
                    List.of(gen)),
            UsageException.class);
    assertThat(noCell).hasMessageContaining("did you mean 'train[lr=0.1,seed=1]'?");
    UsageException missing =
        catchThrowableOfType(
            () -> baton.expand(config, "train", List.of(cells.get(0))), UsageException.class);
    assertThat(missing).hasMessageContaining("step train needs gen, but none of the run records");
  }

  @Test
  void aResumedRunKeepsTheCellsOfTheFirstExpansion() throws Exception {
    Plan plan = new Baton(e -> {}).plan(BatonConfig.of(write(FAN)));

    Plan resumed =
        Expansions.withExpansions(plan, Map.of("train", Map.of("lr", List.of("7", "8"))));

    assertThat(resumed.steps())
        .extracting(PlannedStep::id)
        .containsExactly(
            "gen",
            "train",
            "train[lr=7,seed=1]",
            "train[lr=7,seed=2]",
            "train[lr=8,seed=1]",
            "train[lr=8,seed=2]",
            "pick");
    assertThat(resumed.step("pick").needs()).hasSize(4).doesNotContain("train");
  }
}
