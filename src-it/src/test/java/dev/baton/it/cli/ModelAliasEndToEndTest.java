package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, acceptance 4, through the real command line: an alias moved to a new version changes
 * what the next validate step compares against, and a deploy step reads the alias's kept copy.
 */
class ModelAliasEndToEndTest {
  @TempDir Path tmp;

  private static final String DESCRIPTOR =
      """
      version: 1
      name: models
      params:
        auc: "0.90"
      steps:
        train:
          run: mkdir -p dist && echo "weights for auc ${{ params.auc }}" > dist/model.bin
          artifacts: [{name: model, path: dist/model.bin}]
        quality:
          needs: [train]
          validate:
            run: "echo '{\\"auc\\": ${{ params.auc }}}' > metrics.json"
            metrics: metrics.json
            gates:
              - {metric: auc, min: 0.5, baseline: model@champion, maxDrop: 0.05}
      """;

  private CliRun baton(String... args) throws Exception {
    return CliRun.run(tmp, Map.of("BATON_USER", "ada"), args);
  }

  @Test
  void movingTheChampionChangesWhatTheNextGateComparesWith() throws Exception {
    Files.writeString(tmp.resolve("baton.yaml"), DESCRIPTOR);

    CliRun first = baton("run", "baton.yaml", "-p", "auc=0.90");
    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(baton("alias", "set", "model@1", "champion", "--reason", "first").exitCode).isZero();

    CliRun second = baton("run", "baton.yaml", "-p", "auc=0.80");
    assertThat(second.exitCode).as(second.toString()).isEqualTo(1);
    assertThat(second.output).contains("auc = 0.8, outside >= 0.85; model@champion 0.9");

    CliRun moved = baton("alias", "set", "model@2", "champion", "--reason", "new data");
    assertThat(moved.output).contains("model@champion → version 2 (was 1)");

    CliRun third = baton("run", "baton.yaml", "-p", "auc=0.82");
    assertThat(third.exitCode).as(third.toString()).isZero();
    assertThat(third.output).contains("auc = 0.82, within >= 0.75; model@champion 0.8");

    CliRun models = baton("models", "model");
    assertThat(models.output).containsPattern("model +2 .*champion");
    CliRun audit = baton("alias", "history", "model");
    assertThat(audit.output)
        .contains("model@champion → 1 (was -)  by ada")
        .contains("model@champion → 2 (was 1)  by ada")
        .contains("\"new data\"");
    CliRun unknown = baton("alias", "set", "model@9", "champion");
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.output).contains("artifact 'model' has no version 9 (versions: 1, 2, 3)");
  }

  @Test
  void aDeployStepGetsTheKeptCopyOfTheChampionWhoseDigestMatches() throws Exception {
    Files.writeString(tmp.resolve("baton.yaml"), DESCRIPTOR);
    assertThat(baton("run", "baton.yaml", "-p", "auc=0.90").exitCode).isZero();
    assertThat(baton("alias", "set", "model@1", "champion").exitCode).isZero();
    assertThat(baton("run", "baton.yaml", "-p", "auc=0.93").exitCode).isZero();
    Files.writeString(
        tmp.resolve("ship.yaml"),
        """
        version: 1
        name: ship
        steps:
          ship:
            deploy:
              switch: echo "${{ models.model.champion.path }} ${{ models.model.champion.digest }}" > shipped.txt
        """);

    CliRun ship = baton("run", "ship.yaml");

    assertThat(ship.exitCode).as(ship.toString()).isZero();
    String[] shipped = Files.readString(tmp.resolve("shipped.txt")).strip().split(" ");
    assertThat(shipped[0]).endsWith("/.baton/models/model/1/model.bin");
    String digest =
        "sha256:"
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(Path.of(shipped[0]))));
    assertThat(shipped[1]).isEqualTo(digest);
    assertThat(Files.readString(Path.of(shipped[0]))).contains("auc 0.90");
  }
}
