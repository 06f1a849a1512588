package dev.baton.jenkins.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code junit}, {@code archiveArtifacts} and {@code publishHTML} as their plugins behave: they
 * read from the current workspace, fail on missing input unless told not to, and {@code junit}
 * marks the build UNSTABLE when a test failed (unless {@code skipMarkingBuildUnstable}).
 */
final class PublisherSteps {
  private PublisherSteps() {}

  static Map<String, Object> junit(Map<String, Object> args, Path workspace, BuildRun build) {
    String patterns = String.valueOf(args.getOrDefault("testResults", ""));
    List<Path> files = AntPatterns.select(workspace, patterns, "");
    if (files.isEmpty() && !Boolean.TRUE.equals(args.get("allowEmptyResults"))) {
      throw new PipelineError("No test report files were found. Configuration error?");
    }
    long total = 0;
    long failed = 0;
    for (Path file : files) {
      JunitReport report = parse(workspace.resolve(file.toString()), file.toString());
      build.published(report);
      total += report.cases().size();
      failed += report.failures();
    }
    if (failed > 0 && !Boolean.TRUE.equals(args.get("skipMarkingBuildUnstable"))) {
      build.worsen("UNSTABLE");
    }
    return Map.of("totalCount", total, "failCount", failed);
  }

  static void archiveArtifacts(Map<String, Object> args, Path workspace, BuildRun build) {
    String patterns = String.valueOf(args.get("artifacts"));
    List<Path> files = AntPatterns.select(workspace, patterns, (String) args.get("excludes"));
    if (files.isEmpty() && !Boolean.TRUE.equals(args.get("allowEmptyArchive"))) {
      throw new PipelineError(
          "No artifacts found that match the file pattern \"" + patterns + "\"");
    }
    AntPatterns.copy(workspace, patterns, (String) args.get("excludes"), build.artifactsDir());
    for (Path file : files) {
      build.archived(file.toString());
    }
  }

  @SuppressWarnings("unchecked")
  static void publishHtml(Map<String, Object> args, Path workspace, BuildRun build) {
    Map<String, Object> target = (Map<String, Object>) args.getOrDefault("target", args);
    String name = String.valueOf(target.get("reportName"));
    Path source = workspace.resolve(String.valueOf(target.get("reportDir")));
    Path index = source.resolve(String.valueOf(target.get("reportFiles")));
    if (!Files.isRegularFile(index)) {
      if (Boolean.TRUE.equals(target.get("allowMissing"))) {
        return;
      }
      throw new PipelineError("Specified HTML directory '" + source + "' does not exist.");
    }
    Path copy = build.htmlDir(name);
    AntPatterns.copy(source, "**", "", copy);
    build.publishedHtml(name, copy);
  }

  private static JunitReport parse(Path file, String relative) {
    try {
      var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
      NodeList nodes = document.getElementsByTagName("testcase");
      List<JunitReport.TestCase> cases = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        Element testcase = (Element) nodes.item(i);
        cases.add(toCase(testcase));
      }
      return new JunitReport(relative, cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new PipelineError("Failed to read test report file " + file + ": " + e.getMessage());
    }
  }

  private static JunitReport.TestCase toCase(Element testcase) {
    String outcome = "PASSED";
    String message = "";
    for (String kind : List.of("failure", "error", "skipped")) {
      NodeList children = testcase.getElementsByTagName(kind);
      if (children.getLength() > 0) {
        outcome = kind.equals("skipped") ? "SKIPPED" : "FAILED";
        message = ((Element) children.item(0)).getAttribute("message");
        break;
      }
    }
    return new JunitReport.TestCase(
        testcase.getAttribute("classname"), testcase.getAttribute("name"), outcome, message);
  }
}
