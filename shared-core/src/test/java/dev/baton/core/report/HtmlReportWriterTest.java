package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportWriterTest {
  private final RunRecord record = SampleRecords.fullRun();
  private final String html = HtmlReportWriter.toHtml(record);
  private final Document doc = HtmlChecks.parse(html);

  @Test
  void hasNothingJenkinsContentSecurityPolicyWouldBlock() {
    assertThat(HtmlChecks.cspProblems(html)).isEmpty();
    assertThat(html).contains("<link rel=\"stylesheet\" href=\"report.css\"/>");
  }

  @Test
  void detectorFindsEveryKindOfViolation() {
    assertThat(HtmlChecks.cspProblems("<p style=\"color:red\">"))
        .containsExactly("contains style=");
    assertThat(HtmlChecks.cspProblems("<SCRIPT>x</SCRIPT>")).contains("contains <script");
    assertThat(HtmlChecks.cspProblems("<img src=\"https://cdn.example/x.png\">"))
        .containsExactly("link is not relative: https://cdn.example/x.png");
    assertThat(HtmlChecks.cspProblems("<a href=\"/abs\">")).hasSize(1);
    assertThat(HtmlChecks.cspProblems("<rect onclick=\"x()\"/>")).hasSize(1);
  }

  @Test
  void escapesStepIdsMessagesAndLogs() {
    StepRecord evil =
        SampleRecords.step(
            "<img src=x onerror=alert(1)>",
            "x",
            "run",
            StepState.FAILED,
            "a\"gent",
            List.of(),
            0,
            10,
            1,
            "it's <b>bad</b> & \"quoted\"",
            List.of("</pre><script>alert(2)</script>", "\u001B[1mbold\u001B[0m\u0000"));
    RunRecord run =
        new RunRecord(
            1,
            "r<1>",
            "p&q",
            RunStatus.FAILED,
            SampleRecords.T0,
            SampleRecords.at(10),
            null,
            null,
            Map.of("k", "<v>"),
            List.of(),
            List.of(evil),
            BatonBuild.current(),
            null,
            null);

    String page = HtmlReportWriter.toHtml(run);

    assertThat(HtmlChecks.cspProblems(page)).isEmpty();
    assertThat(page)
        .doesNotContain("<img", "<b>", "<script", "\u0000", "\u001B")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("it&#39;s &lt;b&gt;bad&lt;/b&gt; &amp; &quot;quoted&quot;")
        .contains("&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;\nbold</pre>")
        .contains("<a href=\"logs/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.log\">");
    HtmlChecks.parse(page);
  }

  @Test
  void showsStatusBannerWithCountsByStatus() {
    Element banner = (Element) doc.getElementsByTagName("header").item(0);

    assertThat(banner.getAttribute("class")).isEqualTo("banner status-FAILED");
    assertThat(banner.getTextContent())
        .contains("churn-model")
        .contains("FAILED in 1 min 34 s")
        .contains("3 succeeded", "3 failed", "1 timed out", "1 skipped");
  }

  @Test
  void failedStepsComeFirstWithMessageAndLogTail() {
    Element failures = byId("failures");
    List<String> failedIds = texts(failures, ".//h3/a");

    assertThat(failedIds).containsExactly("quality", "speed", "latency", "canary");
    assertThat(html.indexOf("id=\"failures\"")).isLessThan(html.indexOf("id=\"timeline\""));
    assertThat(failures.getTextContent())
        .contains("gate accuracy >= 0.90 failed: accuracy 0.87 < 0.90")
        .contains("ERROR accuracy below | target")
        .contains("<script>alert('x')</script> & more");
  }

  @Test
  void timelineHasALanePerAgentAndGpuAndABarPerAttemptAndGpu() {
    Element svg = byId("timeline");
    int expectedBars = 0;
    for (StepRecord step : record.steps()) {
      for (AttemptRecord attempt : step.attempts()) {
        expectedBars += Math.max(1, attempt.gpus().size());
      }
    }

    assertThat(texts(svg, ".//*[contains(@class,'lane-label')]"))
        .containsExactly("ws1", "ws1:gpu0", "ws1:gpu1", "ws2", "ws2:gpu2", "ws2:gpu3");
    NodeList bars = nodes(svg, ".//*[local-name()='rect' and contains(@class,'bar ')]");
    assertThat(bars.getLength()).isEqualTo(expectedBars);
    assertThat(texts(svg, ".//*[local-name()='g' and @class='attempt']/*[local-name()='title']"))
        .hasSize(expectedBars)
        .anyMatch(t -> t.startsWith("train[lr=0.01] - #1 FAILED in 5.0 s on ws1 (GPUs 0,1)"));
    assertThat(
            nodes(svg, ".//*[local-name()='rect' and contains(@class,'st-TIMED_OUT')]").getLength())
        .isEqualTo(1);
    assertThat(texts(svg, ".//*[@class='tick-label']")).startsWith("0s", "10s", "20s");
  }

  @Test
  void stepTableLinksEachLogRelativeToTheReport() {
    assertThat(texts(byId("steps"), ".//tbody/tr/td[1]/text()"))
        .startsWith("prepare", "train[lr=0.01]", "train[lr=0.1]");
    assertThat(html).contains("<a href=\"logs/train%5Blr%3D0.01%5D.log\">log</a>");
    // The skipped release never ran, so there is no log to link.
    assertThat(html).doesNotContain("href=\"logs/release.log\"");
  }

  @Test
  void stageSectionsShowGatesBenchmarkAndRollout() {
    assertThat(texts(byId("gates"), ".//tbody/tr/td[5]")).containsExactly("FAILED", "passed");
    assertThat(texts(byId("gates"), ".//tbody/tr[2]/td")).contains("0.91", "0.85", "0.915");
    Element benchmarks = byId("benchmarks");
    assertThat(nodes(benchmarks, ".//*[@class='box']").getLength()).isEqualTo(2);
    assertThat(nodes(benchmarks, ".//*[@class='outlier']").getLength()).isEqualTo(1);
    assertThat(benchmarks.getTextContent()).contains("REGRESSION", "baseline: main");
    Element rollouts = byId("rollouts");
    assertThat(nodes(rollouts, ".//*[local-name()='circle']").getLength()).isEqualTo(4);
    assertThat(nodes(rollouts, ".//*[contains(@class,'outcome-rolled-back')]").getLength())
        .isEqualTo(2);
    String path =
        ((Element) nodes(rollouts, ".//*[@class='weight-line']").item(0)).getAttribute("d");
    assertThat(path).startsWith("M60 ").contains(" H").contains(" V");
  }

  @Test
  void stageSectionsAreLeftOutWithoutData() {
    String plain = HtmlReportWriter.toHtml(SampleRecords.succeededRun());

    assertThat(plain)
        .doesNotContain("id=\"gates\"", "id=\"benchmarks\"", "id=\"rollouts\"", "id=\"failures\"")
        .contains("id=\"timeline\"", "id=\"steps\"");
    assertThat(HtmlChecks.cspProblems(plain)).isEmpty();
  }

  @Test
  void writesPageAndStylesheetWithPrintRulesAndNoExternalResources(@TempDir Path dir)
      throws Exception {
    List<Path> written = HtmlReportWriter.write(record, dir);

    assertThat(written).containsExactly(dir.resolve("report.html"), dir.resolve("report.css"));
    String css = Files.readString(dir.resolve("report.css"), StandardCharsets.UTF_8);
    assertThat(css)
        .contains("@media print")
        .contains(".st-FAILED")
        .doesNotContain("url(", "@import");
    assertThat(dir.resolve("report.html")).hasContent(html);
  }

  private Element byId(String id) {
    return (Element) nodes(doc, "//*[@id='" + id + "']").item(0);
  }

  private static NodeList nodes(Object context, String xpath) {
    try {
      return (NodeList)
          XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
    } catch (Exception e) {
      throw new AssertionError(xpath, e);
    }
  }

  private static List<String> texts(Object context, String xpath) {
    NodeList list = nodes(context, xpath);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add(list.item(i).getTextContent());
    }
    return out;
  }
}
