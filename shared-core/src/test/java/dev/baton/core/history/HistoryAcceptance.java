package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.cache.DeclaredFiles;
import dev.baton.core.history.HistoryRows.RunRow;
import dev.baton.core.record.RunStatus;
import dev.baton.core.report.TrendsPage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The issue's acceptance on one store: three quickstart runs with different params in a git
 * repository, then history, compare, trends and lineage read back from the store.
 */
final class HistoryAcceptance {
  private HistoryAcceptance() {}

  static void check(Path repo, Map<String, String> env) throws Exception {
    Git.require();
    Path descriptor = QuickstartHistory.repository(repo);
    List<RunOutcome> runs = QuickstartHistory.runs(repo, descriptor, env, 200, 400, 800);
    assertThat(runs).allMatch(RunOutcome::succeeded);

    try (HistoryStore store = HistoryStores.open(repo, env)) {
      // history: every run, newest first, with its own commit and params.
      List<RunRow> listed = store.runs(HistoryQuery.last(0));
      assertThat(listed)
          .extracting(RunRow::runId)
          .containsExactly(
              runs.get(2).record().runId(),
              runs.get(1).record().runId(),
              runs.get(0).record().runId());
      assertThat(listed)
          .extracting(r -> r.params().get("rows"))
          .containsExactly("800", "400", "200");
      assertThat(listed).extracting(RunRow::commit).doesNotContainNull().doesNotHaveDuplicates();
      assertThat(listed.get(0).commit()).isEqualTo(runs.get(2).record().source().commit());
      assertThat(store.runs(new HistoryQuery("quickstart", "quality", List.of("SUCCEEDED"), 2)))
          .hasSize(2);
      assertThat(store.runs(new HistoryQuery(null, null, List.of(RunStatus.FAILED.name()), 0)))
          .isEmpty();

      // compare: params, commits and the accuracy gate's change between the first and last run.
      String compare =
          RunComparison.text(
              store.record(listed.get(2).runId()).orElseThrow(),
              store.record(listed.get(0).runId()).orElseThrow());
      assertThat(compare)
          .contains("rows")
          .containsPattern("rows +200 +→ 800")
          .contains(listed.get(2).shortCommit())
          .contains(listed.get(0).shortCommit())
          .containsPattern("quality accuracy +0\\.\\d+ +→ 0\\.\\d+ \\([+-]");

      // trends: one line per gate metric, one value per run.
      TrendsPage page = Trends.page(store, HistoryQuery.last(10));
      assertThat(page.runs()).hasSize(3);
      TrendsPage.Chart gates = page.charts().get(0);
      assertThat(gates.lines())
          .extracting(TrendsPage.Line::name)
          .containsExactly("quality accuracy");
      assertThat(gates.lines().get(0).values()).doesNotContainNull().hasSize(3);

      // lineage: the packaged model of the last run back to its data and params.
      String digest =
          DeclaredFiles.of(repo).orElseThrow().digest(repo.resolve("build/model.tar.gz"));
      LineageTrace.Node model = LineageTrace.trace(store, "build/model.tar.gz", digest);
      LineageTrace.Producer made = model.producer();
      assertThat(made).isNotNull();
      assertThat(made.runId()).isEqualTo(runs.get(2).record().runId());
      assertThat(made.stepId()).isEqualTo("package");
      assertThat(made.source().commit()).isEqualTo(runs.get(2).record().source().commit());
      String dataDigest =
          DeclaredFiles.of(repo).orElseThrow().digest(repo.resolve("build/data.csv"));
      String text = LineageTrace.text(model);
      assertThat(text)
          .contains("made by run " + made.runId() + ", step package")
          .contains("commit " + made.source().commit())
          .contains("build/data.csv  " + dataDigest)
          .contains("step train[lr=0.05]")
          .contains("step prepare")
          .contains("rows=800")
          .contains("matrix: {lr=0.05}");
    }
  }
}
