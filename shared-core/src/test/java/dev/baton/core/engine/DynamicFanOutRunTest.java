package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.DynamicCell;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic fan-out run for real: a matrix axis read from a need's output becomes cells when the need
 * ends; the steps that need the fan-out read its cells' outputs in cell order; a bad list or too
 * many cells fails the step, not the run.
 */
class DynamicFanOutRunTest {
  @TempDir Path dir;

  private static List<String> ids(RunOutcome out) {
    return out.record().steps().stream().map(StepRecord::id).toList();
  }

  @Test
  void cellsAreMadeFromTheNeedsOutputCombinedWithStaticAxesIncludeAndExclude() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fan
            steps:
              split:
                run: echo 'shards=["a", 2, true]' >> "$BATON_OUTPUT"
              work:
                needs: [split]
                matrix:
                  shard: "${{ fromJSON(needs.split.outputs.shards) }}"
                  size: [s, l]
                  exclude: [{shard: 'true', size: l}]
                  include: [{shard: extra, size: m}]
                run: echo "out=${{ matrix.shard }}-${{ matrix.size }}" >> "$BATON_OUTPUT"
              gather:
                needs: [work]
                run: echo "all=${{ join(needs.work.outputs.out, ',') }}" >> "$BATON_OUTPUT"
            """);
    RunOutcome out = f.run();

    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(ids(out))
        .containsExactly(
            "split",
            "work",
            "work[shard=a,size=s]",
            "work[shard=a,size=l]",
            "work[shard=2,size=s]",
            "work[shard=2,size=l]",
            "work[shard=true,size=s]",
            "work[shard=extra,size=m]",
            "gather");
    StepRecord work = PipelineFixture.step(out, "work");
    assertThat(work.status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(work.message()).contains("expanded into 6 cells");
    assertThat(work.dynamic()).isEqualTo(new DynamicCell("work", -1, 6, work.dynamic().axes()));
    StepRecord cell = PipelineFixture.step(out, "work[shard=2,size=l]");
    assertThat(cell.dynamic().index()).isEqualTo(3);
    assertThat(cell.dynamic().cells()).isEqualTo(6);
    assertThat(cell.matrix()).containsEntry("shard", "2").containsEntry("size", "l");
    assertThat(PipelineFixture.step(out, "gather").needs()).hasSize(6).doesNotContain("work");
    assertThat(PipelineFixture.step(out, "gather").outputs().get("all"))
        .isEqualTo("a-s,a-l,2-s,2-l,true-s,extra-m");
  }

  @Test
  void badJsonFailsTheStepWithItsNameAndSkipsItsDependants() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fan
            steps:
              split:
                run: echo 'shards=[1, 2' >> "$BATON_OUTPUT"
              work:
                needs: [split]
                matrix: {shard: "${{ fromJSON(needs.split.outputs.shards) }}"}
                run: 'true'
              gather: {needs: [work], run: 'true'}
              other: {run: 'true'}
            """);
    RunOutcome out = f.run();

    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
    StepRecord work = PipelineFixture.step(out, "work");
    assertThat(work.status()).isEqualTo(StepState.FAILED);
    assertThat(work.message()).contains("matrix.shard of step 'work'").contains("not JSON");
    assertThat(PipelineFixture.step(out, "gather").status()).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "gather").message()).contains("needs work");
    assertThat(PipelineFixture.step(out, "other").status()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void aValueThatIsNotAListOfScalarsFailsTheStepNamingTheValue() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fan
            steps:
              split:
                run: |
                  echo 'one=7' >> "$BATON_OUTPUT"
                  echo 'nested=[1, [2, 3]]' >> "$BATON_OUTPUT"
              a:
                needs: [split]
                matrix: {shard: "${{ fromJSON(needs.split.outputs.one) }}"}
                run: 'true'
              b:
                needs: [split]
                matrix: {shard: "${{ fromJSON(needs.split.outputs.nested) }}"}
                run: 'true'
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "a").message())
        .contains("matrix.shard of step 'a' is 7, not a list");
    assertThat(PipelineFixture.step(out, "b").message())
        .contains("matrix.shard of step 'b' item 1 is a list, not a string, number or boolean");
  }

  @Test
  void moreCellsThanMaxCellsFailsTheStepNamingTheCountAndTheCap() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fan
            steps:
              split:
                run: echo 'shards=[1,2,3,4,5,6]' >> "$BATON_OUTPUT"
              work:
                needs: [split]
                matrix: {shard: "${{ fromJSON(needs.split.outputs.shards) }}", size: [s, l]}
                maxCells: 10
                run: 'true'
            """);
    RunOutcome out = f.run();

    StepRecord work = PipelineFixture.step(out, "work");
    assertThat(work.status()).isEqualTo(StepState.FAILED);
    assertThat(work.message())
        .isEqualTo(
            "step 'work' would have 12 matrix cells, more than its maxCells of 10; make the"
                + " need's list shorter, or raise maxCells on the step");
    assertThat(ids(out)).containsExactly("split", "work");
  }

  @Test
  void anEmptyListSkipsTheStepAndItsDependants() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fan
            steps:
              split:
                run: echo 'shards=[]' >> "$BATON_OUTPUT"
              work:
                needs: [split]
                matrix: {shard: "${{ fromJSON(needs.split.outputs.shards) }}"}
                run: 'true'
              gather: {needs: [work], run: 'true'}
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "work").status()).isEqualTo(StepState.SKIPPED);
    assertThat(PipelineFixture.step(out, "work").message()).contains("is an empty list");
    assertThat(PipelineFixture.step(out, "gather").status()).isEqualTo(StepState.SKIPPED);
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aStepThatNeedsASubsetOfDynamicCellsWaitsForThoseAndReadsOnlyThem() throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fan
            steps:
              split:
                run: echo 'models=["small","large"]' >> "$BATON_OUTPUT"
              train:
                needs: [split]
                matrix: {model: "${{ fromJSON(needs.split.outputs.models) }}", seed: [1, 2]}
                run: echo "acc=${{ matrix.model }}${{ matrix.seed }}" >> "$BATON_OUTPUT"
              large:
                needs: [{step: train, matrix: {model: large}}]
                run: echo "${{ join(needs.train.outputs.acc, ' ') }}" > large.txt
              one:
                needs: ["train[model=small,seed=2]"]
                run: echo "${{ needs.train.outputs.acc.0 }}" > one.txt
            """);
    RunOutcome out = f.run();

    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(PipelineFixture.step(out, "large").needs())
        .containsExactly("train[model=large,seed=1]", "train[model=large,seed=2]");
    assertThat(Files.readString(dir.resolve("large.txt")).strip()).isEqualTo("large1 large2");
    assertThat(Files.readString(dir.resolve("one.txt")).strip()).isEqualTo("small2");
  }

  @Test
  void aSubsetThatTheExpansionDoesNotMakeFailsTheDynamicStepNamingTheNeed() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: fan
            steps:
              split:
                run: echo 'models=["small"]' >> "$BATON_OUTPUT"
              train:
                needs: [split]
                matrix: {model: "${{ fromJSON(needs.split.outputs.models) }}"}
                run: 'true'
              large:
                needs: [{step: train, matrix: {model: large}}]
                run: 'true'
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "train").message())
        .contains("step 'large' needs 'train cells with model=large'")
        .contains("its cells are: train[model=small]");
    assertThat(PipelineFixture.step(out, "large").status()).isEqualTo(StepState.SKIPPED);
  }
}
