package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlWriterTest {
  private final String xml = JunitXmlWriter.toXml(SampleRecords.failedRun());
  private final Document doc = parse(xml);
  private final Element suite = doc.getDocumentElement();

  @Test
  void writesOneSuiteNamedAfterThePipelineWithCorrectCounts() {
    // 6 steps + 2 gates; failures: quality, speed, the accuracy gate; skipped: release.
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("churn-model");
    assertThat(suite.getAttribute("tests")).isEqualTo("8");
    assertThat(suite.getAttribute("failures")).isEqualTo("3");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    assertThat(suite.getAttribute("time")).isEqualTo("94.500");
    assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-24T10:15:00");
    assertThat(cases()).hasSize(8);
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(3);
  }

  @Test
  void namesEachStepCaseAfterItsIdUnderThePipelineClass() {
    List<String> names = new ArrayList<>();
    for (Element testcase : cases()) {
      assertThat(testcase.getAttribute("classname")).isEqualTo("baton.churn-model");
      names.add(testcase.getAttribute("name"));
    }
    assertThat(names)
        .containsExactly(
            "prepare",
            "train[lr=0.01]",
            "train[lr=0.1]",
            "quality",
            "quality gate: accuracy >= 0.90",
            "quality gate: auc",
            "speed",
            "release");
    assertThat(testcase("train[lr=0.01]").getAttribute("time")).isEqualTo("60.000");
  }

  @Test
  void failureRepeatsTheMessageInTheBodyFollowedByTheLogTail() {
    Element failure = child(testcase("speed"), "failure");

    assertThat(failure.getAttribute("type")).isEqualTo("TIMED_OUT");
    assertThat(failure.getAttribute("message")).isEqualTo("timed out after 30s");
    assertThat(failure.getTextContent())
        .isEqualTo("timed out after 30s\nwarmup 1/3\n```\n<script>alert('x')</script> & more");
  }

  @Test
  void removesControlCharactersAndColourCodesFromLogs() {
    String body = child(testcase("quality"), "failure").getTextContent();

    assertThat(body)
        .startsWith("gate accuracy >= 0.90 failed: accuracy 0.87 < 0.90\n")
        .contains("ERROR accuracy below | target")
        .contains("bell and nul end")
        .doesNotContain("\u0007", "\u0000", "\u001B", "[31m");
  }

  @Test
  void skippedStepCarriesItsReason() {
    Element skipped = child(testcase("release"), "skipped");

    assertThat(skipped.getAttribute("message")).isEqualTo("needs quality, which FAILED");
  }

  @Test
  void gatesBecomeTheirOwnCasesAndFailWhenTheyDidNotPass() {
    Element accuracy = testcase("quality gate: accuracy >= 0.90");
    Element auc = testcase("quality gate: auc");

    assertThat(child(accuracy, "failure").getAttribute("message"))
        .isEqualTo("accuracy 0.87 < 0.90");
    assertThat(child(accuracy, "failure").getTextContent())
        .startsWith("accuracy 0.87 < 0.90\n")
        .contains("value 0.87, threshold 0.9");
    assertThat(auc.getElementsByTagName("failure").getLength()).isZero();
    assertThat(child(auc, "system-out").getTextContent()).contains("baseline 0.915");
  }

  @Test
  void notesRetriedAttemptsInSystemOut() {
    String out = child(testcase("train[lr=0.01]"), "system-out").getTextContent();

    assertThat(out)
        .contains("2 attempts:")
        .contains("#1 FAILED in 5.0 s on ws1 (GPUs 0,1): exit code 137 (killed by signal 9)")
        .contains("#2 SUCCEEDED in 50.0 s")
        .contains("log: logs/train[lr=0.01].log");
    assertThat(testcase("prepare").getElementsByTagName("system-out").getLength()).isZero();
  }

  @Test
  void stepsThatNeverFinishedAreSkippedNotPassed() {
    RunRecord record =
        new RunRecord(
            1,
            "r",
            "p.with.dots",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(
                SampleRecords.step(
                    "x", "x", "run", StepState.RUNNING, "a", List.of(), 0, 1, 1, "", List.of())),
            BatonBuild.current(),
            null,
            null);
    Document running = parse(JunitXmlWriter.toXml(record));

    Element testcase = (Element) running.getElementsByTagName("testcase").item(0);
    assertThat(testcase.getAttribute("classname")).isEqualTo("baton.p_with_dots");
    assertThat(child(testcase, "skipped").getAttribute("message"))
        .isEqualTo("did not finish (RUNNING)");
    assertThat(running.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
  }

  @Test
  void recordsRunIdentityAsSuiteProperties() {
    NodeList properties = doc.getElementsByTagName("property");
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < properties.getLength(); i++) {
      Element property = (Element) properties.item(i);
      pairs.add(property.getAttribute("name") + "=" + property.getAttribute("value"));
    }
    assertThat(pairs)
        .contains("baton.runId=20261124-101500-3f2a", "baton.param.dataset=data/churn.csv");
  }

  @Test
  void aStepAllowedToFailIsAPassedCaseWithItsFailureInSystemOutAsAreItsGates() {
    RunRecord failed = SampleRecords.failedRun();
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord s : failed.steps()) {
      steps.add(s.id().equals("quality") || s.id().equals("speed") ? allowedToFail(s) : s);
    }
    RunRecord record =
        new RunRecord(
            failed.schemaVersion(),
            failed.runId(),
            failed.pipeline(),
            RunStatus.SUCCEEDED,
            failed.startedAt(),
            failed.endedAt(),
            failed.descriptor(),
            failed.executor(),
            failed.params(),
            failed.agents(),
            steps,
            BatonBuild.current(),
            null,
            null);
    Document allowed = parse(JunitXmlWriter.toXml(record));
    Element suite = allowed.getDocumentElement();

    assertThat(suite.getAttribute("failures")).isEqualTo("0");
    assertThat(allowed.getElementsByTagName("failure").getLength()).isZero();
    NodeList outs = allowed.getElementsByTagName("system-out");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < outs.getLength(); i++) {
      texts.add(outs.item(i).getTextContent());
    }
    assertThat(texts)
        .anySatisfy(t -> assertThat(t).startsWith(JunitCase.ALLOWED + "TIMED_OUT: "))
        .anySatisfy(
            t -> assertThat(t).startsWith(JunitCase.ALLOWED + "gate FAILED: ").contains("0.90"));
  }

  @Test
  void aGateListedTwiceGetsTwoDistinctCaseNames() {
    RunRecord failed = SampleRecords.failedRun();
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord s : failed.steps()) {
      if (s.id().equals("quality")) {
        Object gate = ((List<?>) s.results().get(GateResult.RESULTS_KEY)).get(0);
        s = SampleRecords.withResults(s, Map.of(GateResult.RESULTS_KEY, List.of(gate, gate)));
      }
      steps.add(s);
    }
    RunRecord record =
        new RunRecord(
            failed.schemaVersion(),
            failed.runId(),
            failed.pipeline(),
            failed.status(),
            failed.startedAt(),
            failed.endedAt(),
            failed.descriptor(),
            failed.executor(),
            failed.params(),
            failed.agents(),
            steps,
            BatonBuild.current(),
            null,
            null);
    Document twice = parse(JunitXmlWriter.toXml(record));
    List<String> names = new ArrayList<>();
    NodeList cases = twice.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      names.add(((Element) cases.item(i)).getAttribute("name"));
    }

    assertThat(names)
        .doesNotHaveDuplicates()
        .contains("quality gate: accuracy >= 0.90", "quality gate: accuracy >= 0.90 (2)");
  }

  private static StepRecord allowedToFail(StepRecord s) {
    return new StepRecord(
        s.id(),
        s.step(),
        s.kind(),
        s.status(),
        s.matrix(),
        s.needs(),
        s.command(),
        s.agent(),
        s.gpus(),
        s.startedAt(),
        s.endedAt(),
        s.attempts(),
        s.log(),
        s.message(),
        s.logTail(),
        s.results(),
        true,
        null,
        null,
        null);
  }

  private List<Element> cases() {
    NodeList nodes = doc.getElementsByTagName("testcase");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private Element testcase(String name) {
    return cases().stream()
        .filter(e -> e.getAttribute("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no testcase " + name + " in\n" + xml));
  }

  private static Element child(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    assertThat(nodes.getLength()).as("<%s> in %s", tag, parent.getAttribute("name")).isEqualTo(1);
    return (Element) nodes.item(0);
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("junit.xml does not parse: " + e + "\n" + xml, e);
    }
  }
}
