package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.BrowserTest;
import dev.baton.core.testing.RequiredTool;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in a real headless Chromium, served with Jenkins' Content-Security-Policy, and
 * fails on any violation, console message or missing file. Needs /usr/bin/chromium ({@code apt-get
 * install -y chromium}): skipped without it, except under {@code CI=true} where that fails.
 */
@BrowserTest
class HtmlReportBrowserTest {
  @TempDir Path work;

  @BeforeAll
  static void needsChromium() {
    RequiredTool.require(
        HeadlessChromium.available(),
        HeadlessChromium.BINARY
            + " is missing; install it with `apt-get install -y chromium` to run the browser test"
            + " of report.html");
  }

  @Test
  void reportRendersUnderJenkinsCspWithoutViolationsOrConsoleMessages() throws Exception {
    Path reportDir = work.resolve("report");
    ReportWriter.writeAll(SampleRecords.fullRun(), reportDir, Map.of());
    Path png = work.resolve("report.png");

    try (CspTestServer server = new CspTestServer(reportDir)) {
      HeadlessChromium.Output shot =
          HeadlessChromium.screenshot(server.url("report.html"), png, work);
      HeadlessChromium.Output dom = HeadlessChromium.dumpDom(server.url("report.html"), work);

      assertThat(shot.problems()).as("chromium log while taking the screenshot").isEmpty();
      assertThat(dom.problems()).as("chromium log while dumping the DOM").isEmpty();
      assertThat(server.violations).as("CSP violation reports").isEmpty();
      assertThat(server.missing()).as("requests for missing files").isEmpty();
      assertThat(server.requests).contains("GET /report.html 200", "GET /report.css 200");
      // The DOM as the browser built it: everything rendered, and still nothing the CSP forbids.
      assertThat(dom.stdout())
          .contains("class=\"banner status-FAILED\"", "What failed", "train[lr=0.01]");
      assertThat(HtmlChecks.cspProblems(dom.stdout())).isEmpty();
    }
    assertThat(png).isRegularFile();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    // The banner is red only if report.css loaded and applied under the policy.
    assertThat(rgb(image, 700, 30)).isEqualTo(0xC62828);
    copyForPeople(png);
  }

  @Test
  void detectorsCatchInlineStylesAndMissingFiles() throws Exception {
    // A test of the test: this page breaks the policy on purpose; every detector must notice.
    Path dir = work.resolve("bad");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("bad.html"),
        "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"missing.css\">"
            + "<style>p { color: red; }</style></head>"
            + "<body><p style=\"color: blue\">bad</p></body></html>");

    try (CspTestServer server = new CspTestServer(dir)) {
      HeadlessChromium.Output shot =
          HeadlessChromium.screenshot(server.url("bad.html"), work.resolve("bad.png"), work);

      assertThat(shot.problems())
          .anyMatch(line -> line.contains("Content Security Policy") && line.contains(":CONSOLE"));
      assertThat(server.violations)
          .anyMatch(report -> report.contains("style-src-attr"))
          .anyMatch(report -> report.contains("style-src-elem"));
      assertThat(server.missing()).containsExactly("GET /missing.css 404");
    }
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  /** Leaves the screenshot in target/ so a person can look at what the browser drew. */
  private static void copyForPeople(Path png) throws Exception {
    Path target = Path.of("target", "browser-test");
    Files.createDirectories(target);
    Files.copy(png, target.resolve("report.png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
