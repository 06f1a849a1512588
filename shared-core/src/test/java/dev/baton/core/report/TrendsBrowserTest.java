package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.BrowserTest;
import dev.baton.core.testing.RequiredTool;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trends.html in headless Chromium under Jenkins' CSP: a line per gate metric, no script or style.
 */
@BrowserTest
class TrendsBrowserTest {
  @TempDir Path work;

  static TrendsPage page() {
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    List<TrendsPage.Run> runs =
        List.of(
            new TrendsPage.Run("r1", "SUCCEEDED", t, "aaa"),
            new TrendsPage.Run("r2", "FAILED", t.plusSeconds(60), "bbb"),
            new TrendsPage.Run("r3", "SUCCEEDED", t.plusSeconds(120), "ccc"));
    return new TrendsPage(
        "Run trends <quickstart>",
        runs,
        List.of(
            new TrendsPage.Chart(
                "Gate metrics",
                "",
                List.of(
                    new TrendsPage.Line(
                        "quality accuracy", Arrays.asList(0.81, 0.79, 0.86), null, null),
                    new TrendsPage.Line(
                        "quality auc", Arrays.asList(0.9, null, 0.93), null, null))),
            new TrendsPage.Chart(
                "Benchmark medians",
                "ms",
                List.of(
                    new TrendsPage.Line(
                        "benchmark median",
                        Arrays.asList(41.0, 42.0, 40.0),
                        Arrays.asList(40.0, 41.0, 39.0),
                        Arrays.asList(42.0, 44.0, 41.0))))));
  }

  @Test
  void theTrendsPageHasALinePerMetricAndNothingJenkinsCspBlocks() {
    String html = TrendsHtmlWriter.html(page());

    assertThat(HtmlChecks.cspProblems(html)).isEmpty();
    assertThat(Pattern.compile("<polyline class=\"line").matcher(html).results().count())
        .isEqualTo(3);
    assertThat(html).contains("data-series=\"quality accuracy\"").contains("&lt;quickstart&gt;");
    assertThat(html).contains("<polygon class=\"band");
  }

  @Test
  void theTrendsPageRendersInChromiumWithoutCspViolations() throws Exception {
    RequiredTool.require(
        HeadlessChromium.available(),
        HeadlessChromium.BINARY + " is missing; install it with `apt-get install -y chromium`");
    Path dir = work.resolve("site");
    TrendsHtmlWriter.write(page(), dir.resolve("trends.html"));
    try (CspTestServer server = new CspTestServer(dir)) {
      HeadlessChromium.Output dom = HeadlessChromium.dumpDom(server.url("trends.html"), work);
      assertThat(dom.problems()).isEmpty();
      assertThat(server.violations).isEmpty();
      assertThat(server.missing()).isEmpty();
      assertThat(dom.stdout()).contains("Gate metrics", "quality accuracy", "quality auc", "<svg");
      assertThat(HtmlChecks.cspProblems(dom.stdout())).isEmpty();
    }
  }
}
