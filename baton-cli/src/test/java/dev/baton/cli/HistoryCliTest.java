package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.JavaProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history commands through the real command line, over a real store file: three runs of two
 * pipelines (one failing) added by {@code baton run} itself, then {@code history}, {@code compare},
 * {@code trends} and {@code lineage} as a user types them.
 */
class HistoryCliTest {
  static final String ALPHA =
      """
      version: 1
      name: alpha
      params:
        acc: "0.90"
      steps:
        train:
          run: |
            mkdir -p build
            echo '{"accuracy": ${{ params.acc }}}' > build/metrics.json
        quality:
          needs: [train]
          validate:
            metrics: build/metrics.json
            gates:
              - accuracy >= 0.5
      """;

  static final String BETA =
      """
      version: 1
      name: beta
      steps:
        broken:
          run: exit 3
      """;

  @TempDir static Path ws;
  static String first;
  static String second;
  static String failed;

  @BeforeAll
  static void threeRuns() throws Exception {
    Files.writeString(ws.resolve("baton.yaml"), ALPHA);
    Files.writeString(ws.resolve("beta.yaml"), BETA);
    assertThat(baton("run", "baton.yaml", "-p", "acc=0.91").exitCode()).isZero();
    assertThat(baton("run", "baton.yaml", "-p", "acc=0.95").exitCode()).isZero();
    assertThat(baton("run", "beta.yaml").exitCode()).isEqualTo(ExitCodes.STEP_FAILED);
    JsonNode runs = json(baton("history", "--format", "json"));
    assertThat(runs).hasSize(3);
    failed = runs.get(0).get("runId").asText();
    second = runs.get(1).get("runId").asText();
    first = runs.get(2).get("runId").asText();
  }

  @Test
  void historyListsRunsNewestFirstAndFiltersByPipelineStepAndStatus() throws Exception {
    JavaProcess.Result all = baton("history");
    assertThat(all.exitCode()).isZero();
    assertThat(all.output()).contains("RUN", "PIPELINE", first, second, failed, "acc=0.95");
    assertThat(all.output().indexOf(failed)).isLessThan(all.output().indexOf(first));

    assertThat(ids(baton("history", "--pipeline", "alpha", "--format", "json")))
        .containsExactly(second, first);
    assertThat(ids(baton("history", "--step", "broken", "--format", "json")))
        .containsExactly(failed);
    assertThat(ids(baton("history", "--status", "failed", "--format", "json")))
        .containsExactly(failed);
    assertThat(ids(baton("history", "--status", "SUCCEEDED", "--last", "1", "--format", "json")))
        .containsExactly(second);

    JsonNode newest = json(baton("history", "--pipeline", "alpha", "--format", "json")).get(0);
    assertThat(newest.get("pipeline").asText()).isEqualTo("alpha");
    assertThat(newest.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(newest.get("params").get("acc").asText()).isEqualTo("0.95");
  }

  @Test
  void compareShowsTheMetricChangeAndAnUnknownRunIsOneLineWithTheUsageExitCode() throws Exception {
    JavaProcess.Result compared = baton("compare", first, second);
    assertThat(compared.exitCode()).as(compared.output()).isZero();
    assertThat(compared.output())
        .contains("acc", "0.91", "0.95")
        .containsPattern("quality accuracy +0\\.91\\d* +→ 0\\.95\\d* \\(\\+0\\.04");

    JavaProcess.Result unknown = baton("compare", first, "no-such-run");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.output().strip())
        .startsWith("baton: error: no run no-such-run in the history store;")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void trendsWritesThePageOfTheLastRunsWhereAsked() throws Exception {
    Path page = ws.resolve("out/t.html");
    JavaProcess.Result trends = baton("trends", "--last", "2", "--out", page.toString());
    assertThat(trends.exitCode()).as(trends.output()).isZero();
    assertThat(trends.output()).contains("wrote " + page);
    String html = Files.readString(page);
    assertThat(html).contains("2 runs, oldest on the left.").contains("<polyline");
    assertThat(html).doesNotContain("<script").doesNotContain("style=");
    assertThat(page.resolveSibling("trends.css")).exists();
  }

  @Test
  void lineageOfAFileNoRunProducedSaysSo() throws Exception {
    Files.writeString(ws.resolve("hand-made.txt"), "not from any step\n");
    JavaProcess.Result lineage = baton("lineage", "hand-made.txt");
    assertThat(lineage.exitCode()).isEqualTo(ExitCodes.STEP_FAILED);
    assertThat(lineage.output())
        .contains("hand-made.txt")
        .contains("not produced by any recorded run")
        .doesNotContain("Exception");
  }

  @Test
  void importRefusesWhatIsNotARunDirectoryWithAClearMessage() throws Exception {
    Path empty = Files.createDirectories(ws.resolve("not-a-run"));
    JavaProcess.Result notRun = baton("history", "import", empty.toString());
    assertThat(notRun.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notRun.output()).contains("no run.json in " + empty + "; skipped");

    Path fifo = ws.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    JavaProcess.Result fromFifo = baton("history", "import", fifo.toString());
    assertThat(fromFifo.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(fromFifo.output()).contains("no run.json in " + fifo).doesNotContain("Exception");

    Path huge = ws.resolve("huge/run.json");
    Files.createDirectories(huge.getParent());
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: 3 GiB that take no disk
    }
    JavaProcess.Result fromHuge = baton("history", "import", huge.getParent().toString());
    assertThat(fromHuge.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(fromHuge.output().strip())
        .startsWith("baton: error: ")
        .contains(huge.toString())
        .doesNotContain("\n")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void aMalformedStoreUrlIsOneLineNamingTheVariableAndTheFix() throws Exception {
    for (String url : new String[] {"postgres://db/baton", "jdbc:mysql://db/baton"}) {
      JavaProcess.Result r =
          BatonProcess.runBehind(
              "export BATON_HISTORY_URL='" + url + "'", ws, "history", "--workspace", ".");
      assertThat(r.exitCode()).as(url).isEqualTo(ExitCodes.USAGE);
      assertThat(r.output().strip())
          .as(url)
          .startsWith("baton: error: BATON_HISTORY_URL")
          .contains("jdbc:postgresql://HOST:PORT/DATABASE")
          .doesNotContain("\n")
          .doesNotContain("Exception");
    }
  }

  private static JavaProcess.Result baton(String... args) throws Exception {
    return BatonProcess.runBehind("unset BATON_HISTORY_URL", ws, args);
  }

  private static JsonNode json(JavaProcess.Result r) throws Exception {
    assertThat(r.exitCode()).as(r.output()).isZero();
    return new ObjectMapper().readTree(r.output());
  }

  private static List<String> ids(JavaProcess.Result r) throws Exception {
    List<String> out = new ArrayList<>();
    json(r).forEach(n -> out.add(n.get("runId").asText()));
    return out;
  }
}
