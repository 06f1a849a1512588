package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordedCall;
import dev.baton.jenkins.runtime.TestAgent;
import groovy.json.JsonSlurper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks on a finished build that several tests share: placement, order and published reports. */
final class PipelineChecks {
  private PipelineChecks() {}

  /** The plan as the CLI prints it, run directly in {@code project} (not through the library). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plan(Path project, String cli, String... args)
      throws IOException, InterruptedException {
    String command = cli + " plan baton.yaml --format json " + String.join(" ", args);
    Process process =
        new ProcessBuilder("bash", "-c", command)
            .directory(project.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("baton plan in " + project).isZero();
    return (Map<String, Object>) new JsonSlurper().parseText(json);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps(Map<String, Object> plan) {
    return (List<Map<String, Object>>) plan.get("steps");
  }

  /** The {@code sh} call that ran each step through {@code baton step}, by step id. */
  static Map<String, RecordedCall> stepCalls(BuildRun build) {
    Map<String, RecordedCall> calls = new LinkedHashMap<>();
    for (RecordedCall call : build.calls("sh")) {
      String label = call.arg("label");
      if (label != null && label.startsWith("baton step ")) {
        calls.put(label.substring("baton step ".length()), call);
      }
    }
    return calls;
  }

  /** Every planned step ran once, on an agent whose labels match its label expression. */
  @SuppressWarnings("unchecked")
  static void assertEveryStepRanOnMatchingAgent(
      BuildRun build, Map<String, Object> plan, List<TestAgent> agents) {
    Map<String, RecordedCall> calls = stepCalls(build);
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> step : steps(plan)) {
      String id = (String) step.get("id");
      ids.add(id);
      String label = (String) ((Map<String, Object>) step.get("agent")).get("label");
      RecordedCall call = calls.get(id);
      assertThat(call).as("the baton step call of " + id).isNotNull();
      TestAgent agent =
          agents.stream().filter(a -> a.name().equals(call.agent())).findFirst().get();
      assertThat(agent.matches(label))
          .as(id + " ran on " + agent.name() + " " + agent.labels() + " for label '" + label + "'")
          .isTrue();
    }
    assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(ids);
  }

  /** No step started before every step it needs had ended. */
  @SuppressWarnings("unchecked")
  static void assertNeedsEndedFirst(BuildRun build, Map<String, Object> plan) {
    Map<String, RecordedCall> calls = stepCalls(build);
    for (Map<String, Object> step : steps(plan)) {
      RecordedCall call = calls.get((String) step.get("id"));
      for (String need : (List<String>) step.get("needs")) {
        assertThat(call.startNanos())
            .as(step.get("id") + " starts after " + need + " ended")
            .isGreaterThan(calls.get(need).endNanos());
      }
    }
  }

  /** The merged run record the library archived. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mergedRun(BuildRun build, String reportDir) throws IOException {
    Path runJson = build.artifact(reportDir + "/run.json");
    assertThat(runJson).exists();
    return (Map<String, Object>) new JsonSlurper().parseText(Files.readString(runJson));
  }

  /** Status of each step in the merged run record, by id. */
  @SuppressWarnings("unchecked")
  static Map<String, String> mergedStatuses(BuildRun build, String reportDir) throws IOException {
    Map<String, String> statuses = new LinkedHashMap<>();
    for (Map<String, Object> step :
        (List<Map<String, Object>>) mergedRun(build, reportDir).get("steps")) {
      statuses.put((String) step.get("id"), (String) step.get("status"));
    }
    return statuses;
  }

  /** run.json, junit.xml, summary.md and report.html were archived, and junit.xml published. */
  static void assertReportsPublished(BuildRun build, String reportDir) {
    assertThat(build.archivedArtifacts())
        .contains(
            reportDir + "/run.json",
            reportDir + "/junit.xml",
            reportDir + "/summary.md",
            reportDir + "/report.html");
    assertThat(build.junitReports()).extracting(r -> r.file()).contains(reportDir + "/junit.xml");
  }

  /** Under CPS: no CPS mismatch and no state Jenkins could not save. */
  static void assertCpsClean(BuildRun build) {
    assertThat(build.cpsMismatches()).as("CPS mismatches").isEmpty();
    assertThat(build.unserializableState()).as("unserializable program state").isEmpty();
  }
}
