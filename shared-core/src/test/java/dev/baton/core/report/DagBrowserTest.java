package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepState;
import dev.baton.core.testing.BrowserTest;
import dev.baton.core.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DAG of report.html in headless Chromium under Jenkins' CSP: the quickstart's from a real run,
 * and a 500-cell matrix's. With {@code -Dbaton.updateScreenshot=true} the screenshots replace
 * docs/images/dag-quickstart.png and docs/images/dag-500-cells.png.
 */
@BrowserTest
class DagBrowserTest {
  @TempDir Path work;

  @BeforeAll
  static void needsChromium() {
    RequiredTool.require(
        HeadlessChromium.available(),
        HeadlessChromium.BINARY + " is missing; install it with `apt-get install -y chromium`");
  }

  @Test
  void theQuickstartReportDrawsItsDagWithoutCspViolations() throws Exception {
    Path copy = work.resolve("quickstart");
    QuickstartReportBrowserTest.copyTree(repo().resolve("examples/quickstart"), copy);
    RunOutcome out =
        new Baton(e -> {})
            .run(
                BatonConfig.builder(copy.resolve("baton.yaml"))
                    .reportDir(work.resolve("report"))
                    .build());
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);

    String dom = render(out.reportDir(), "dag-quickstart.png");

    assertThat(dom).contains(">train</text>", ">3 cells", ">fetch-baseline</text>");
  }

  @Test
  void aFiveHundredCellMatrixIsOneNodeInTheBrowser() throws Exception {
    Path report = work.resolve("sweep");
    ReportWriter.writeAll(DagSvgTest.sweep(500, StepState.CACHED), report, Map.of());

    String dom = render(report, "dag-500-cells.png");

    assertThat(dom).contains(">500 cells \u00b7 ", "href=\"report-cells-1.html\"");
  }

  /**
   * Opens report.html (the DAG is under the banner of a run that did not fail), checks the browser
   * saw nothing forbidden; returns the DOM.
   */
  private String render(Path reportDir, String screenshot) throws Exception {
    Path png = work.resolve(screenshot);
    try (CspTestServer server = new CspTestServer(reportDir)) {
      HeadlessChromium.Output shot =
          HeadlessChromium.screenshot(server.url("report.html"), png, work);
      HeadlessChromium.Output dom = HeadlessChromium.dumpDom(server.url("report.html"), work);
      assertThat(shot.problems()).isEmpty();
      assertThat(dom.problems()).isEmpty();
      assertThat(server.violations).isEmpty();
      assertThat(server.missing()).isEmpty();
      assertThat(dom.stdout()).contains("<svg class=\"dag\"");
      assertThat(HtmlChecks.cspProblems(dom.stdout())).isEmpty();
      assertThat(Files.size(png)).isGreaterThan(20_000);
      if (Boolean.getBoolean("baton.updateScreenshot")) {
        Path target = repo().resolve("docs/images").resolve(screenshot);
        Files.createDirectories(target.getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return dom.stdout();
    }
  }

  private static Path repo() {
    return Path.of("..").toAbsolutePath().normalize();
  }
}
