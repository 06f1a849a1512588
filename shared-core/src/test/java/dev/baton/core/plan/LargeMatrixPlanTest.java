package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A matrix of 100,000 cells (issue 17: {@code {a: 1000 values, b: 100 values}} and one fan-in) is
 * planned without a copy of the step's shared data per cell: the cells share the step's spec, its
 * needs and its environment, and keep only their own values, id and command.
 */
class LargeMatrixPlanTest {
  private static PipelineDescriptor matrix(int a, int b, String extra) {
    String yaml =
        "version: 1\nname: m\nenv: {MODE: sweep}\nsteps:\n  prep: {run: 'true'}\n  cell:\n"
            + "    needs: [prep]\n    env: {SEED: '17'}\n"
            + extra
            + "    matrix:\n      a: ["
            + IntStream.range(0, a).mapToObj(String::valueOf).collect(Collectors.joining(", "))
            + "]\n      b: ["
            + IntStream.range(0, b).mapToObj(String::valueOf).collect(Collectors.joining(", "))
            + "]\n    run: 'train --a ${{ matrix.a }} --b ${{ matrix.b }}'\n"
            + "  fanin: {needs: [cell], run: 'true'}\n";
    return DescriptorReader.parse(Path.of("m", "baton.yaml"), yaml);
  }

  @Test
  void aHundredThousandCellsShareTheStepsSpecNeedsAndEnvironment() {
    Plan plan = Planner.plan(matrix(1000, 100, ""), Map.of(), Set.of(), Optional.empty());

    List<PlannedStep> steps = plan.steps();
    assertThat(steps).hasSize(100_002);
    PlannedStep first = steps.get(1);
    PlannedStep last = steps.get(100_000);
    assertThat(first.id()).isEqualTo("cell[a=0,b=0]");
    assertThat(last.id()).isEqualTo("cell[a=999,b=99]");
    assertThat(last.command().display()).isEqualTo("train --a 999 --b 99");
    assertThat(last.matrix()).containsExactly(Map.entry("a", "999"), Map.entry("b", "99"));
    assertThat(last.env()).containsEntry("MODE", "sweep").containsEntry("SEED", "17");
    // One instance each, not one per cell (before: a spec, an env and a needs list per cell).
    assertThat(last.spec()).isSameAs(first.spec());
    assertThat(last.env()).isSameAs(first.env());
    assertThat(last.needs()).isSameAs(first.needs()).containsExactly("prep");
    PlannedStep fanin = steps.get(100_001);
    assertThat(fanin.id()).isEqualTo("fanin");
    assertThat(fanin.needs()).hasSize(100_000).startsWith("cell[a=0,b=0]", "cell[a=0,b=1]");
  }

  @Test
  void cellsWhoseEnvironmentDependsOnTheCellKeepTheirOwn() {
    PipelineDescriptor d =
        matrix(3, 2, "    cache: true\n    inputs: ['in-${{ matrix.a }}.txt']\n");
    Plan plan = Planner.plan(d, Map.of(), Set.of(), Optional.empty());

    PlannedStep a0 = plan.step("cell[a=0,b=0]");
    PlannedStep a0b1 = plan.step("cell[a=0,b=1]");
    PlannedStep a1 = plan.step("cell[a=1,b=0]");
    assertThat(a0.spec().cache().inputs()).containsExactly("in-0.txt");
    assertThat(a1.spec().cache().inputs()).containsExactly("in-1.txt");
    assertThat(a0b1.spec()).isSameAs(a0.spec());
    assertThat(a1.spec()).isNotSameAs(a0.spec());
  }

  @Test
  void includeAndExcludeStillShapeTheCells() {
    String extra =
        "    include: [{a: '0', b: '1', extra: x}, {a: '9', b: '9'}]\n"
            + "    exclude: [{a: '1'}]\n";
    // include/exclude sit under matrix: rebuild the descriptor with them there.
    String yaml =
        "version: 1\nname: m\nsteps:\n  cell:\n    matrix:\n      a: ['0', '1', '2']\n"
            + "      b: ['0', '1']\n"
            + extra.replace("    ", "      ")
            + "    run: 'echo ${{ matrix.a }}'\n";
    PipelineDescriptor d = DescriptorReader.parse(Path.of("m", "baton.yaml"), yaml);
    Plan plan = Planner.plan(d, Map.of(), Set.of(), Optional.empty());

    assertThat(plan.steps().stream().map(PlannedStep::id))
        .containsExactly(
            "cell[a=0,b=0]",
            "cell[a=0,b=1,extra=x]",
            "cell[a=2,b=0]",
            "cell[a=2,b=1]",
            "cell[a=9,b=9]");
  }
}
