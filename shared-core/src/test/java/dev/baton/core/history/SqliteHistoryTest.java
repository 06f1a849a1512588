package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default store: SQLite in .baton/history.db, nothing to install. */
class SqliteHistoryTest {
  @TempDir Path repo;

  @Test
  void threeQuickstartRunsAreListedComparedChartedAndTracedFromTheEmbeddedStore() throws Exception {
    HistoryAcceptance.check(repo, Map.of());

    assertThat(repo.resolve(".baton/history.db")).isRegularFile();
  }

  @Test
  void anUnreachableStoreLeavesTheRunAndOneWarningAndAnImportAddsItLater() throws Exception {
    Files.writeString(
        repo.resolve("baton.yaml"), "version: 1\nname: w\nsteps:\n  a: {run: 'true'}\n");
    Map<String, String> env = new HashMap<>(System.getenv());
    // A port nothing listens on: the store cannot be reached.
    env.put(HistoryStores.URL_VARIABLE, "jdbc:postgresql://127.0.0.1:1/baton?password=s3cret");
    RunOutcome outcome = new Baton(e -> {}, env).run(BatonConfig.of(repo.resolve("baton.yaml")));

    Optional<String> warning =
        RunHistory.addFinished(outcome.record(), outcome.reportDir(), repo, env);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(warning)
        .get()
        .asString()
        .contains("run " + outcome.record().runId() + " was not added to the run history")
        .contains(outcome.reportDir().toString())
        .doesNotContain("s3cret");
    try (HistoryStore store = HistoryStores.open(repo, Map.of())) {
      RunHistory.Imported first =
          RunHistory.importDirs(store, List.of(repo.resolve(".baton/runs")));
      RunHistory.Imported again = RunHistory.importDirs(store, List.of(outcome.reportDir()));

      assertThat(first.runIds()).containsExactly(outcome.record().runId());
      assertThat(again.runIds()).containsExactly(outcome.record().runId());
      // Imported twice, there once.
      assertThat(store.runs(HistoryQuery.last(0))).hasSize(1);
    }
  }

  @Test
  void aStoreRecordsTheVersionsOfItsTablesAndOpensAgainWithoutMigrating() throws Exception {
    try (HistoryStore store = HistoryStores.open(repo, Map.of())) {
      assertThat(store.runs(HistoryQuery.last(0))).isEmpty();
    }
    try (var c = HistoryStores.connect(HistoryStores.url(repo, Map.of()), Map.of());
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT version FROM baton_schema ORDER BY version")) {
      for (int version = 1; version <= HistorySchema.latest(); version++) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(version);
      }
      assertThat(rs.next()).isFalse();
    }
    try (HistoryStore again = HistoryStores.open(repo, Map.of())) {
      assertThat(again.runs(HistoryQuery.last(0))).isEmpty();
    }
  }
}
