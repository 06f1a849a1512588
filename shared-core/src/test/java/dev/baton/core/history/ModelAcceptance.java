package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.history.ModelRows.AliasMove;
import dev.baton.core.history.ModelRows.Version;
import dev.baton.core.record.GateResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Model versions and aliases against a store (SQLite or PostgreSQL): real runs of a two-step
 * pipeline through the API, each added to the history as the front ends add it.
 */
final class ModelAcceptance {
  private ModelAcceptance() {}

  static final String DESCRIPTOR =
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

  /** Runs the pipeline with {@code auc}, adds it to the history; the run's outcome. */
  static RunOutcome run(Path repo, Map<String, String> storeEnv, String auc) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(storeEnv);
    RunOutcome outcome =
        new Baton(e -> {}, env)
            .run(
                BatonConfig.builder(repo.resolve("baton.yaml")).params(Map.of("auc", auc)).build());
    assertThat(RunHistory.addFinished(outcome.record(), outcome.reportDir(), repo, env)).isEmpty();
    return outcome;
  }

  static void check(Path repo, Map<String, String> storeEnv) throws Exception {
    Files.writeString(repo.resolve("baton.yaml"), DESCRIPTOR);

    RunOutcome first = run(repo, storeEnv, "0.90");
    String firstDigest = sha256(repo.resolve("dist/model.bin"));
    RunOutcome second = run(repo, storeEnv, "0.80");

    try (HistoryStore store = HistoryStores.open(repo, storeEnv)) {
      ModelRegistry models = store.models();
      List<Version> versions = models.versions("model");
      assertThat(versions).extracting(Version::version).containsExactly(1, 2);
      assertThat(versions)
          .extracting(Version::runId)
          .containsExactly(first.record().runId(), second.record().runId());
      assertThat(versions.get(0).digest()).isEqualTo(firstDigest);
      assertThat(versions.get(1).digest()).isEqualTo(sha256(repo.resolve("dist/model.bin")));
      assertThat(versions.get(0).stepId()).isEqualTo("train");
      // The kept copy of version 1 is whole after the step overwrote its file.
      assertThat(sha256(Path.of(versions.get(0).keptPath()))).isEqualTo(firstDigest);
      assertThat(Files.getPosixFilePermissions(Path.of(versions.get(0).keptPath())))
          .doesNotContain(PosixFilePermission.OWNER_WRITE);
      // The step's lineage rows name the version's file by the same digest.
      assertThat(store.files(first.record().runId(), "train"))
          .anyMatch(f -> f.path().equals("dist/model.bin") && f.digest().equals(firstDigest));

      AliasMove set =
          models.setAlias(versions.get(0), "champion", "ada", "first model", Instant.now());
      AliasMove moved =
          models.setAlias(versions.get(1), "champion", "bob", "accept 0.80", Instant.now());
      assertThat(set.previous()).isNull();
      assertThat(moved.previous()).isEqualTo(1);
      assertThat(models.alias("model", "champion")).get().extracting(a -> a.version()).isEqualTo(2);
      assertThat(models.history("model"))
          .extracting(AliasMove::version, AliasMove::previous, AliasMove::setBy, AliasMove::runId)
          .containsExactly(
              tuple(1, null, "ada", first.record().runId()),
              tuple(2, 1, "bob", second.record().runId()));
    }

    // The next run's gate compares with the champion's own metrics: version 2's run, auc 0.80.
    RunOutcome third = run(repo, storeEnv, "0.78");
    GateResult gate = gate(third);
    assertThat(gate.passed()).isTrue();
    assertThat(gate.message()).contains("model@champion 0.8");
  }

  static GateResult gate(RunOutcome outcome) {
    return GateResult.of(
            outcome.record().steps().stream()
                .filter(s -> s.id().equals("quality"))
                .findFirst()
                .orElseThrow())
        .get(0);
  }

  static String sha256(Path file) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
