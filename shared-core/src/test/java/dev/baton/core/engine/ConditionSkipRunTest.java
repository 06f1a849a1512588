package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps that need a step whose {@code when} ruled some or all of it out: a matrix cell skipped by
 * its own condition does not stop its dependants, anything else skipped still does.
 */
class ConditionSkipRunTest {
  @TempDir Path dir;

  @Test
  void cellSkippedByItsOwnWhenDoesNotBlockStepsThatNeedTheMatrix() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: per-cell
            steps:
              train:
                matrix: {model: [small, large]}
                when: ${{ matrix.model == 'small' }}
                run: 'true'
              report: {needs: train, run: 'true'}
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "train[model=small]").status())
        .isEqualTo(StepState.SUCCEEDED);
    assertThat(PipelineFixture.step(out, "train[model=large]").status())
        .isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "report").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void planLetsDependantsWaitOnlyForTheCellsThatRun() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: per-cell
            steps:
              train:
                matrix: {model: [small, large, huge]}
                when: ${{ matrix.model != 'large' }}
                run: 'true'
              report: {needs: train, run: 'true'}
            """);
    Plan plan = new Baton(e -> {}).plan(f.config());

    PlannedStep report =
        plan.steps().stream().filter(s -> s.id().equals("report")).findFirst().orElseThrow();
    // Every executor (the engine, the Jenkins library through `baton plan`) reads these needs.
    assertThat(report.needs()).containsExactly("train[model=small]", "train[model=huge]");
  }

  @Test
  void cellSkippedBecauseItsNeedFailedStillBlocksItsDependants() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: per-cell
            steps:
              prepare: {run: exit 3}
              train:
                needs: prepare
                matrix: {model: [small, large]}
                when: ${{ matrix.model == 'small' }}
                run: 'true'
              report: {needs: train, run: 'true'}
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "train[model=small]").status())
        .isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "report").status()).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "report").message())
        .isEqualTo("needs train[model=small], which was skipped");
    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void failedCellNextToACellRuledOutStillBlocksItsDependants() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: per-cell
            steps:
              train:
                matrix: {model: [small, large, huge]}
                when: ${{ matrix.model != 'huge' }}
                run: test ${{ matrix.model }} = small
              report: {needs: train, run: 'true'}
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "train[model=large]").status())
        .isEqualTo(StepState.FAILED);
    assertThat(PipelineFixture.step(out, "report").status()).isEqualTo(StepState.SKIPPED);
  }

  @Test
  void stepWhoseEveryCellIsRuledOutSkipsItsDependantsAsAStepRuledOutWhole() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: ruled-out
            params: {branch: dev}
            steps:
              train:
                matrix: {model: [small, large]}
                when: ${{ params.branch == 'main' }}
                run: 'true'
              release: {when: "${{ params.branch == 'main' }}", run: 'true'}
              report: {needs: train, run: 'true'}
              announce: {needs: release, run: 'true'}
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "report").status()).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "announce").status()).isEqualTo(StepState.SKIPPED);
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void resumeRunsTheDependantOfACellRuledOutWithoutRunningTheCellsAgain() throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: per-cell
            steps:
              train:
                matrix: {model: [small, large]}
                when: ${{ matrix.model == 'small' }}
                run: echo ${{ matrix.model }} >> trained.txt
              report: {needs: train, run: test -f ready}
            """);
    RunOutcome first = f.run(BatonConfig.of(f.file));
    assertThat(PipelineFixture.step(first, "report").status()).isEqualTo(StepState.FAILED);
    Files.writeString(dir.resolve("ready"), "");

    RunOutcome resumed = f.run(BatonConfig.builder(f.file).resume("latest").build());

    assertThat(PipelineFixture.step(resumed, "report").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(PipelineFixture.step(resumed, "train[model=large]").status())
        .isEqualTo(StepState.SKIPPED);
    assertThat(resumed.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Files.readAllLines(dir.resolve("trained.txt"))).containsExactly("small");
  }
}
