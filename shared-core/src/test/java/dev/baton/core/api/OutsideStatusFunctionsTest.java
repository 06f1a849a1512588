package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status functions of a step run on its own with its needs' records (the Jenkins library's
 * {@code baton step --needs-records}) decide as in a local run: {@code failure()} sees a failure
 * above a skipped need, and {@code cancelled()} holds when the caller says the run was stopped.
 */
class OutsideStatusFunctionsTest {
  @TempDir Path workspace;

  private static final String PIPELINE =
      """
      version: 1
      name: outside
      steps:
        train:
          run: exit 1
        evaluate:
          needs: [train]
          when: ${{ needs.train.result == 'success' }}
          run: 'true'
        notify:
          needs: [evaluate]
          when: ${{ failure() }}
          run: echo "saw=${{ needs.evaluate.result }}" >> "$BATON_OUTPUT"
        on-cancel:
          needs: [evaluate]
          when: ${{ cancelled() }}
          run: 'true'
      """;

  private StepRecord run(
      Baton baton, BatonConfig config, String id, boolean cancelled, Path... records) {
    Path dir = workspace.resolve("records/" + id);
    return baton
        .runStep(
            config.toBuilder().reportDir(dir).build(),
            id,
            "agent-1",
            List.of(),
            "r1",
            List.of(records),
            cancelled)
        .record()
        .steps()
        .get(0);
  }

  @Test
  void failureSeesAFailedStepAboveASkippedNeedAndCancelledHoldsOnlyWhenTheRunWasStopped()
      throws IOException {
    Path file = workspace.resolve("baton.yaml");
    Files.writeString(file, PIPELINE);
    Baton baton = new Baton(e -> {});
    BatonConfig config = BatonConfig.of(file);
    Path train = workspace.resolve("records/train");
    Path evaluate = workspace.resolve("records/evaluate");
    assertThat(run(baton, config, "train", false).status()).isEqualTo(StepState.FAILED);
    assertThat(run(baton, config, "evaluate", false, train).status()).isEqualTo(StepState.SKIPPED);

    // Given the record of every step above it, failure() sees train's failure through evaluate.
    StepRecord notify = run(baton, config, "notify", false, train, evaluate);
    assertThat(notify.status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(notify.outputs()).containsEntry("saw", "skipped");
    // Given only its need's, a skip is no failure.
    assertThat(run(baton, config, "notify", false, evaluate).status()).isEqualTo(StepState.SKIPPED);

    assertThat(run(baton, config, "on-cancel", false, train, evaluate).status())
        .isEqualTo(StepState.SKIPPED);
    assertThat(run(baton, config, "on-cancel", true, train, evaluate).status())
        .isEqualTo(StepState.SUCCEEDED);
  }
}
