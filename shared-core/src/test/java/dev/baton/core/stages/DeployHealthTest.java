package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy stages are checked on their own: {@code failureLimit} counts the failed health checks of
 * one stage, never of two, and each stage's gates are named after it.
 */
class DeployHealthTest {
  @TempDir Path dir;

  /** Healthy except at its 2nd and 3rd call: the last check of one stage, the first of the next. */
  private static final String HEALTH_SH =
      """
      #!/bin/sh
      n=$(( $(cat calls 2>/dev/null || echo 0) + 1 )); echo $n > calls
      [ $n -ne 2 ] && [ $n -ne 3 ]
      """;

  @Test
  void aCanaryStageIsNotFailedByAFailureInTheStageBeforeIt() throws IOException {
    StepRecord release =
        deploy(
            """
            strategy: canary
            weights: [10, 50]
            shift: echo ${{ deploy.weight }} > weight.txt
            """);

    assertThat(release.status()).as(release.message()).isEqualTo(StepState.SUCCEEDED);
    assertThat(rollout(release)).containsExactly("10:ok", "50:ok");
    assertThat(Files.readString(dir.resolve("calls")).strip()).isEqualTo("4");
  }

  @Test
  void theCheckAfterABlueGreenSwitchCountsAfresh() throws IOException {
    StepRecord release =
        deploy(
            """
            strategy: blue-green
            switch: echo 100 > weight.txt
            """);

    assertThat(release.status()).as(release.message()).isEqualTo(StepState.SUCCEEDED);
    assertThat(rollout(release)).containsExactly("100:ok");
  }

  @Test
  void failureLimitFailuresInOneStageStillRollBack() throws IOException {
    Files.writeString(dir.resolve("calls"), "1"); // the next two calls fail: both in stage 10
    StepRecord release =
        deploy(
            """
            strategy: canary
            weights: [10, 50]
            shift: echo ${{ deploy.weight }} > weight.txt
            """);

    assertThat(release.status()).isEqualTo(StepState.FAILED);
    assertThat(rollout(release)).containsExactly("10:failed", "0:rollback");
    assertThat(release.message()).contains("health check failed 2 time(s)");
  }

  @Test
  void eachCanaryStagesGatesAreNamedAfterTheStageInEveryReport() throws IOException {
    StepRecord release =
        deploy(
            """
            strategy: canary
            weights: [10, 50, 100]
            shift: echo ${{ deploy.weight }} > weight.txt
            analysis: {run: "echo '{\\"error_rate\\": 0.001}'", gates: [error_rate < 0.01], count: 2, interval: 10ms}
            """);

    assertThat(release.status()).as(release.message()).isEqualTo(StepState.SUCCEEDED);
    String junit = Files.readString(dir.resolve("out/junit.xml"));
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("<testcase [^>]*name=\"([^\"]*)\"").matcher(junit);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names)
        .doesNotHaveDuplicates()
        .contains(
            "release gate: error_rate &lt; 0.01 @ weight 10, measurement 1",
            "release gate: error_rate &lt; 0.01 @ weight 50, measurement 2",
            "release gate: error_rate &lt; 0.01 @ weight 100, measurement 1");
    assertThat(Files.readString(dir.resolve("out/report.html")))
        .contains("error_rate &lt; 0.01 @ weight 50, measurement 1");
  }

  private StepRecord deploy(String strategy) throws IOException {
    Path health = dir.resolve("health.sh");
    Files.writeString(health, HEALTH_SH);
    health.toFile().setExecutable(true);
    String yaml =
        """
        version: 1
        name: canary-health
        steps:
          release:
            deploy:
        """
            + strategy.indent(6)
            + """
                  health: {run: ./health.sh, interval: 200ms, count: 2, failureLimit: 2}
                  rollback: echo 0 > weight.txt
            """;
    Files.writeString(dir.resolve("baton.yaml"), yaml);
    RunOutcome outcome =
        new Baton(e -> {})
            .run(
                BatonConfig.builder(dir.resolve("baton.yaml"))
                    .reportDir(dir.resolve("out"))
                    .build());
    return outcome.record().steps().get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<String> rollout(StepRecord release) {
    return ((List<Map<String, Object>>) release.results().get("rollout"))
        .stream().map(e -> e.get("weight") + ":" + e.get("outcome")).toList();
  }
}
