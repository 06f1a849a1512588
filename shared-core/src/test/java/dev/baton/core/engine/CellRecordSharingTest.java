package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.OrderedMaps;
import dev.baton.core.record.StepRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A matrix cell's record shares what the plan shares, instead of a copy per cell. */
class CellRecordSharingTest {
  @TempDir Path dir;

  @Test
  void aCellsRecordTakesItsMatrixValuesFromThePlanWithoutACopy() {
    PipelineFixture fixture =
        new PipelineFixture(
            dir, "version: 1\nname: t\nsteps:\n  cell: {matrix: {a: [1, 2]}, run: 'true'}\n");
    PlannedStep cell = fixture.plan().steps().get(0);
    StepRecord record = StepRecords.of(new StepRun(cell, dir.resolve("log"), 1));
    assertThat(record.matrix()).isSameAs(cell.matrix());
    assertThat(record.results()).isSameAs(Map.of());
  }

  @Test
  void emptyMapsAreNotCopiedAndCopiesKeepTheirOrderAndAreCopiedOnce() {
    assertThat(OrderedMaps.copyOf(new LinkedHashMap<String, String>())).isSameAs(Map.of());
    Map<String, String> source = new LinkedHashMap<>();
    source.put("z", "1");
    source.put("a", "2");
    Map<String, String> copy = OrderedMaps.copyOf(source);
    source.put("b", "3");
    assertThat(copy).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"));
    assertThat(OrderedMaps.copyOf(copy)).isSameAs(copy);
    assertThat(copy).isEqualTo(Map.of("a", "2", "z", "1"));
  }

  @Test
  void aRunOfCellsEndsWithEveryCellAndItsFanIn() {
    RunOutcome outcome =
        new PipelineFixture(
                dir,
                "version: 1\nname: t\nsteps:\n"
                    + "  cell: {matrix: {a: [1, 2, 3], b: [x, y]}, run: 'true'}\n"
                    + "  fanin: {needs: [cell], run: 'true'}\n")
            .run();
    assertThat(outcome.record().steps()).hasSize(7);
    assertThat(outcome.record().steps())
        .allSatisfy(s -> assertThat(s.status().isSuccessful()).isTrue());
  }
}
