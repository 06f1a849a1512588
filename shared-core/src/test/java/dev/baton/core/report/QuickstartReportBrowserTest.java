package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.RunStatus;
import dev.baton.core.testing.BrowserTest;
import dev.baton.core.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's own report.html, from a real run, in headless Chromium under Jenkins' CSP. With
 * {@code -Dbaton.updateScreenshot=true} the screenshot replaces docs/quickstart-report.png.
 */
@BrowserTest
class QuickstartReportBrowserTest {
  @TempDir Path work;

  @Test
  void quickstartReportRendersItsTimelineWithoutCspViolations() throws Exception {
    RequiredTool.require(
        HeadlessChromium.available(),
        HeadlessChromium.BINARY + " is missing; install it with `apt-get install -y chromium`");
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Path copy = work.resolve("quickstart");
    copyTree(repo.resolve("examples/quickstart"), copy);
    RunOutcome out =
        new Baton(e -> {})
            .run(
                BatonConfig.builder(copy.resolve("baton.yaml"))
                    .reportDir(work.resolve("report"))
                    .build());
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    Path png = work.resolve("quickstart.png");
    try (CspTestServer server = new CspTestServer(out.reportDir())) {
      HeadlessChromium.Output shot =
          HeadlessChromium.screenshot(server.url("report.html"), png, work);
      HeadlessChromium.Output dom = HeadlessChromium.dumpDom(server.url("report.html"), work);
      assertThat(shot.problems()).isEmpty();
      assertThat(dom.problems()).isEmpty();
      assertThat(server.violations).isEmpty();
      assertThat(server.missing()).isEmpty();
      assertThat(dom.stdout())
          .contains("Timeline", "<svg", "train[lr=0.05,epochs=20]", "fetch-baseline");
      assertThat(HtmlChecks.cspProblems(dom.stdout())).isEmpty();
    }
    assertThat(Files.size(png)).isGreaterThan(20_000);
    if (Boolean.getBoolean("baton.updateScreenshot")) {
      Files.copy(
          png, repo.resolve("docs/quickstart-report.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void copyTree(Path src, Path dst) throws Exception {
    try (var files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = src.relativize(f);
        if (rel.startsWith("build") || rel.startsWith(".baton")) {
          continue;
        }
        Path t = dst.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
  }
}
