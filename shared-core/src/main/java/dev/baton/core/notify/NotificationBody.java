package dev.baton.core.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON a webhook receives. {@code text} is what Slack and Microsoft Teams incoming webhooks
 * show; the other fields are for programs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NotificationBody(
    String text,
    String pipeline,
    String runId,
    String status,
    long durationMillis,
    List<FailedStep> failedSteps,
    @Nullable String reportUrl) {

  record FailedStep(String id, String status, String message, Map<String, Object> results) {}

  static NotificationBody of(RunRecord record, Map<String, String> env) {
    List<FailedStep> failed = new ArrayList<>();
    for (StepRecord s : record.steps()) {
      boolean bad =
          s.status() == StepState.FAILED
              || s.status() == StepState.TIMED_OUT
              || s.status() == StepState.LOST;
      if (bad) {
        failed.add(new FailedStep(s.id(), s.status().name(), s.message(), s.results()));
      }
    }
    String url = reportUrl(env);
    StringBuilder text =
        new StringBuilder()
            .append(record.pipeline())
            .append(": ")
            .append(record.status())
            .append(" (run ")
            .append(record.runId())
            .append(')');
    for (FailedStep f : failed) {
      text.append("\n• ").append(f.id()).append(": ").append(f.message());
    }
    if (url != null) {
      text.append("\n").append(url);
    }
    return new NotificationBody(
        text.toString(),
        record.pipeline(),
        record.runId(),
        String.valueOf(record.status()),
        record.durationMillis(),
        failed,
        url);
  }

  /** {@code BATON_REPORT_URL}, else the CI's page for the build, where one is known. */
  static @Nullable String reportUrl(Map<String, String> env) {
    String own = env.get("BATON_REPORT_URL");
    if (own != null && !own.isBlank()) {
      return own;
    }
    String jenkins = env.get("BUILD_URL");
    if (jenkins != null && !jenkins.isBlank()) {
      return jenkins;
    }
    String gitlab = env.get("CI_JOB_URL");
    if (gitlab != null && !gitlab.isBlank()) {
      return gitlab;
    }
    String server = env.get("GITHUB_SERVER_URL");
    String repo = env.get("GITHUB_REPOSITORY");
    String id = env.get("GITHUB_RUN_ID");
    if (server != null && repo != null && id != null) {
      return server + "/" + repo + "/actions/runs/" + id;
    }
    return null;
  }
}
