package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.StepState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingStepsTest {
  @TempDir Path dir;

  private Map<String, StepRun> runs(String yaml) {
    return StepRun.allOf(new PipelineFixture(dir, yaml).plan(), dir, Map.of());
  }

  private static List<String> drain(PendingSteps pending) {
    List<String> out = new ArrayList<>();
    for (StepRun r = pending.next(); r != null; r = pending.next()) {
      out.add(r.id());
    }
    return out;
  }

  private static void end(PendingSteps pending, StepRun r, StepState state) {
    r.state = state;
    pending.ended(r);
  }

  @Test
  void aStepsEndOffersOnlyTheDependentsItSettlesNotTheWholeRun() {
    Map<String, StepRun> runs =
        runs(
            "version: 1\nname: t\nsteps:\n"
                + "  cell: {matrix: {a: [1, 2, 3]}, run: 'true'}\n"
                + "  other: {run: 'true'}\n"
                + "  fanin: {needs: [cell], run: 'true'}\n");
    PendingSteps pending = new PendingSteps(runs, r -> false);
    pending.index();
    assertThat(drain(pending)).hasSize(5); // at the start every pending step is looked at once
    List<StepRun> cells =
        runs.values().stream().filter(r -> r.step.stepName().equals("cell")).toList();
    StepRun fanin = runs.get("fanin");
    assertThat(fanin.unfinishedNeeds).isEqualTo(3);

    end(pending, cells.get(0), StepState.SUCCEEDED);
    end(pending, cells.get(1), StepState.SUCCEEDED);
    assertThat(drain(pending)).isEmpty(); // the fan-in still waits: nothing to decide
    end(pending, cells.get(2), StepState.SUCCEEDED);
    assertThat(drain(pending)).containsExactly("fanin");
  }

  @Test
  void aNeedThatFailsOffersItsDependentAtOnceEvenWhileOtherNeedsRun() {
    Map<String, StepRun> runs =
        runs(
            "version: 1\nname: t\nsteps:\n"
                + "  a: {run: 'true'}\n"
                + "  b: {run: 'true'}\n"
                + "  c: {needs: [a, b], run: 'true'}\n");
    PendingSteps pending = new PendingSteps(runs, r -> false);
    pending.index();
    drain(pending);
    end(pending, runs.get("a"), StepState.FAILED);
    assertThat(drain(pending)).containsExactly("c");
    assertThat(runs.get("c").needBlocked).isTrue();
  }

  @Test
  void aStatusStepIsOfferedWhenTheLastStepAboveItEndsThroughASkippedNeed() {
    Map<String, StepRun> runs =
        runs(
            "version: 1\nname: t\nsteps:\n"
                + "  slow: {run: 'true'}\n"
                + "  bad: {run: 'true'}\n"
                + "  deploy: {needs: [slow, bad], run: 'true'}\n"
                + "  cleanup: {needs: [deploy], when: '${{ always() }}', run: 'true'}\n");
    StepRun cleanup = runs.get("cleanup");
    PendingSteps pending = new PendingSteps(runs, r -> r == cleanup);
    pending.index();
    drain(pending);
    end(pending, runs.get("bad"), StepState.FAILED);
    end(pending, runs.get("deploy"), StepState.SKIPPED); // blocked by bad while slow runs
    assertThat(drain(pending)).containsExactly("deploy", "cleanup"); // deploy: blocked by bad
    assertThat(pending.ancestorsEnded(cleanup)).isFalse(); // slow has not ended
    end(pending, runs.get("slow"), StepState.SUCCEEDED);
    assertThat(drain(pending)).containsExactly("cleanup");
    assertThat(pending.ancestorsEnded(cleanup)).isTrue();
  }
}
