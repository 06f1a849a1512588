package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step run on its own with its needs' records (the Jenkins library's {@code baton step
 * --needs-records}) keeps what it declares once its needs are read: its artifacts are checked as in
 * a local run.
 */
class OutsideStepArtifactsTest {
  @TempDir Path workspace;

  @Test
  void aStepThatReadsItsNeedsStillFailsWhenItDoesNotWriteItsArtifact() throws Exception {
    Path file = workspace.resolve("baton.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: outside
        steps:
          prepare:
            run: echo rows=800 >> "$BATON_OUTPUT"
          train:
            needs: [prepare]
            run: echo "trained on ${{ needs.prepare.outputs.rows }} rows"
            artifacts: [{name: model, path: model.bin}]
        """);
    Baton baton = new Baton(e -> {});
    BatonConfig config = BatonConfig.of(file);

    StepRecord prepare = run(baton, config, "prepare");
    StepRecord train = run(baton, config, "train", workspace.resolve("records/prepare"));

    assertThat(prepare.status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(train.status()).isEqualTo(StepState.FAILED);
    assertThat(train.message()).contains("model.bin");
  }

  private StepRecord run(Baton baton, BatonConfig config, String id, Path... records) {
    return baton
        .runStep(
            config.toBuilder().reportDir(workspace.resolve("records/" + id)).build(),
            id,
            "agent-1",
            List.of(),
            "r1",
            List.of(records),
            false)
        .record()
        .steps()
        .get(0);
  }
}
