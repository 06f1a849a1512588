package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${{ }}} in env values through the real CLI: substituted by run, checked by check. */
class EnvExpressionsEndToEndTest {
  @TempDir Path tmp;

  @Test
  void stepSeesEnvValuesWithParamsAndMatrixSubstituted() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: env
        params: {dataset: imagenet}
        env:
          DATA: /data/${{ params.dataset }}
        steps:
          train:
            matrix: {lr: [0.1]}
            env: {RUN_NAME: "${{ env.DATA }}-${{ matrix.lr }}"}
            run: printf '%s' "$RUN_NAME" > seen.txt
        """);

    CliRun p =
        CliRun.run(tmp, "run", "baton.yaml", "-p", "dataset=it's mine", "--report-dir", "out");

    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(Files.readString(tmp.resolve("seen.txt"))).isEqualTo("/data/it's mine-0.1");
  }

  @Test
  void checkReportsAMisspeltNameInAnEnvValueAtItsPosition() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: env
        params: {dataset: imagenet}
        env:
          DATA: /data/${{ params.datset }}
        steps:
          train: {run: 'true'}
        """);

    CliRun p = CliRun.run(tmp, "check", "baton.yaml");

    assertThat(p.exitCode).as(p.toString()).isEqualTo(2);
    assertThat(p.output)
        .contains("baton.yaml:5:19: unknown name 'params.datset' in DATA of the pipeline's env")
        .contains("did you mean 'params.dataset'?")
        .doesNotContain(": OK");
  }
}
