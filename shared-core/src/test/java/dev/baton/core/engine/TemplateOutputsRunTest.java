package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateOutputsRunTest {
  @TempDir Path dir;

  @Test
  void aTemplatesDeclaredOutputReachesTheStepThatNeedsTheGroup() throws Exception {
    Files.writeString(
        dir.resolve("train-validate.yaml"),
        """
        inputs:
          model: {type: string}
        outputs:
          accuracy: {step: validate, description: the accuracy reached}
        steps:
          train: {run: 'echo training ${{ inputs.model }}'}
          validate:
            needs: [train]
            run: echo accuracy=0.93 >> "$BATON_OUTPUT"
        """);
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: reuse
            steps:
              resnet: {uses: train-validate.yaml, with: {model: resnet50}}
              report:
                needs: [resnet]
                run: echo "resnet reached ${{ needs.resnet.outputs.accuracy }}" > report.txt
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "report").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(Files.readString(dir.resolve("report.txt"))).isEqualTo("resnet reached 0.93\n");
  }
}
