package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.events.RunEvent;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run through the API: {@link Baton#run} plans and returns, and nothing else happens. */
class DryRunTest {
  @TempDir Path workspace;

  private BatonConfig pipeline(String steps) throws IOException {
    Path file = workspace.resolve("baton.yaml");
    Files.writeString(file, "version: 1\nname: dry\nsteps:\n" + steps);
    return BatonConfig.of(file);
  }

  @Test
  void aDryRunStartsNoStepWritesNothingAndReturnsThePlan() throws IOException {
    BatonConfig config =
        pipeline(
            """
              prepare: {run: touch prepared}
              train: {needs: [prepare], run: touch trained}
            """);
    List<RunEvent> events = new ArrayList<>();

    RunOutcome outcome = new Baton(events::add).run(config.toBuilder().dryRun(true).build());

    assertThat(outcome.dryRunPlan()).isPresent();
    assertThat(outcome.dryRunPlan().get().steps())
        .extracting(PlannedStep::id)
        .containsExactly("prepare", "train");
    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.record().steps()).isEmpty();
    assertThat(outcome.reportDir()).isNull();
    assertThat(events).noneMatch(e -> e instanceof RunEvent.StepStarted);
    try (Stream<Path> files = Files.list(workspace)) {
      // No step output, no .baton (no lock, no runs, no journal): only the descriptor.
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("baton.yaml");
    }
  }

  @Test
  void aDryRunOfOneStepForAnOutsideEngineRunsNothingEither() throws IOException {
    BatonConfig config =
        pipeline("  a: {run: touch a}\n  b: {needs: [a], run: touch b}\n").toBuilder()
            .dryRun(true)
            .reportDir(workspace.resolve("report"))
            .build();

    RunOutcome outcome = new Baton(e -> {}).runStep(config, "b", "agent-1", List.of(), "r1");

    assertThat(outcome.dryRunPlan().orElseThrow().steps())
        .extracting(PlannedStep::id)
        .contains("b");
    assertThat(workspace.resolve("b")).doesNotExist();
    assertThat(workspace.resolve("report")).doesNotExist();
  }

  @Test
  void aDryRunStillReportsEveryMistakeInTheDescriptor() throws IOException {
    BatonConfig config =
        pipeline("  a: {run: touch a, timout: 1m}\n").toBuilder().dryRun(true).build();

    assertThatThrownBy(() -> new Baton(e -> {}).run(config))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("timout");
    assertThat(workspace.resolve("a")).doesNotExist();
  }

  @Test
  void withoutDryRunTheSameConfigRuns() throws IOException {
    BatonConfig config = pipeline("  a: {run: touch a}\n");

    RunOutcome outcome = new Baton(e -> {}).run(config);

    assertThat(outcome.dryRunPlan()).isEmpty();
    assertThat(workspace.resolve("a")).exists();
  }
}
