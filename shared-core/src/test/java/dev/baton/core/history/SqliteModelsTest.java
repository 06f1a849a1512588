package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model versions and aliases in the embedded store (SQLite in .baton/history.db). */
class SqliteModelsTest {
  @TempDir Path repo;

  @Test
  void twoRunsRecordVersionsOneAndTwoAndAMovedAliasIsWhatTheNextGateComparesWith()
      throws Exception {
    ModelAcceptance.check(repo, Map.of());
  }

  @Test
  void aGateWhoseAliasIsNotSetJudgesMinMaxAndSaysHowToSetIt() throws Exception {
    Files.writeString(repo.resolve("baton.yaml"), ModelAcceptance.DESCRIPTOR);

    RunOutcome first = ModelAcceptance.run(repo, Map.of(), "0.90");
    RunOutcome second = ModelAcceptance.run(repo, Map.of(), "0.91");

    assertThat(ModelAcceptance.gate(first).passed()).isTrue();
    assertThat(ModelAcceptance.gate(first).message())
        .contains("no version of artifact 'model' is recorded yet");
    GateResult gate = ModelAcceptance.gate(second);
    assertThat(gate.passed()).isTrue();
    assertThat(gate.message())
        .contains("artifact 'model' has no alias 'champion' (aliases: none; versions 1 to 1)")
        .contains("point the alias at a version")
        .contains("only min/max apply");
  }

  @Test
  void aRunWithTheSameBytesAddsNoVersionAndAStepThatWroteNoArtifactFails() throws Exception {
    Files.writeString(repo.resolve("baton.yaml"), ModelAcceptance.DESCRIPTOR);
    ModelAcceptance.run(repo, Map.of(), "0.90");
    ModelAcceptance.run(repo, Map.of(), "0.90");
    try (HistoryStore store = HistoryStores.open(repo, Map.of())) {
      assertThat(store.models().versions("model")).hasSize(1);
    }

    Files.writeString(
        repo.resolve("baton.yaml"),
        "version: 1\nname: m\nsteps:\n  train:\n    run: 'true'\n"
            + "    artifacts: [{name: model, path: dist/none.bin}]\n");
    RunOutcome outcome =
        new Baton(e -> {}, System.getenv()).run(BatonConfig.of(repo.resolve("baton.yaml")));
    StepRecord train = outcome.record().steps().get(0);
    assertThat(outcome.succeeded()).isFalse();
    assertThat(train.message())
        .contains("did not write its artifact 'model' (dist/none.bin)")
        .contains("fix the path under 'artifacts:'");
  }

  @Test
  void aDeployStepReadsTheKeptCopyOfTheAliasAndAnUnknownAliasIsALocatedError() throws Exception {
    Files.writeString(repo.resolve("baton.yaml"), ModelAcceptance.DESCRIPTOR);
    ModelAcceptance.run(repo, Map.of(), "0.90");
    try (HistoryStore store = HistoryStores.open(repo, Map.of())) {
      store
          .models()
          .setAlias(store.models().versions("model").get(0), "champion", "ada", "", Instant.now());
    }
    Files.writeString(
        repo.resolve("ship.yaml"),
        "version: 1\nname: ship\nsteps:\n  ship:\n"
            + "    run: echo \"${{ models.model.champion.path }} ${{ models.model.champion.digest }}\""
            + " > shipped.txt\n");
    Map<String, String> env = new HashMap<>(System.getenv());
    RunOutcome outcome = new Baton(e -> {}, env).run(BatonConfig.of(repo.resolve("ship.yaml")));

    assertThat(outcome.succeeded()).isTrue();
    String[] shipped = Files.readString(repo.resolve("shipped.txt")).strip().split(" ");
    assertThat(shipped[0]).endsWith(".baton/models/model/1/model.bin");
    assertThat(ModelAcceptance.sha256(Path.of(shipped[0]))).isEqualTo(shipped[1]);

    Files.writeString(
        repo.resolve("ship.yaml"),
        "version: 1\nname: ship\nsteps:\n  ship:\n    run: echo ${{ models.model.staging.path }}\n");
    assertThatThrownBy(() -> new Baton(x -> {}, env).run(BatonConfig.of(repo.resolve("ship.yaml"))))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("ship.yaml:5:")
        .hasMessageContaining("unknown name 'models.model.staging.path'")
        .hasMessageContaining("models.model.champion.path");
  }
}
