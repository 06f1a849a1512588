package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.LibraryClasses;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.junit.jupiter.api.Test;

/**
 * The library's pure helpers, compiled from src/ on Groovy 2.4: how a run record becomes an
 * outcome, outcomes a build result, lock names GPU indices, and arguments shell words.
 */
class LibraryHelpersTest {
  private final LibraryClasses library = new LibraryClasses(Testbed.LIBRARY, false);

  private Object call(String type, String method, Object... args) throws Exception {
    return InvokerHelper.invokeStaticMethod(
        library.load("dev.baton.jenkins." + type), method, args);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> outcome(String status, String gates, int exitCode) throws Exception {
    String runJson =
        "{\"steps\":[{\"id\":\"quality\",\"status\":\""
            + status
            + "\",\"message\":\"gate failed\","
            + "\"agent\":\"linux-1\",\"gpus\":[],\"results\":{\"gates\":"
            + gates
            + "}}]}";
    Map<String, Object> step = Map.of("id", "quality", "step", "quality", "kind", "validate");
    return (Map<String, Object>) call("StepOutcome", "fromRun", step, exitCode, runJson);
  }

  @Test
  @SuppressWarnings("unchecked")
  void ancestorsOfTheLastStepOfAHundredThousandStepChainAreFoundInPlanOrder() throws Exception {
    int n = 100_000;
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // s0 needs the last step too: a cycle must not make the walk go round for ever.
      steps.add(Map.of("id", "s" + i, "needs", List.of("s" + (i == 0 ? n - 1 : i - 1))));
    }
    List<String> ancestors =
        (List<String>) call("PlanJson", "ancestors", Map.of("steps", steps), "s" + (n - 1));
    assertThat(ancestors).hasSize(n);
    assertThat(ancestors.get(0)).isEqualTo("s0");
    assertThat(ancestors.get(n - 1)).isEqualTo("s" + (n - 1));
  }

  @Test
  void failedGateInTheRunRecordIsAGateFailureNotAStepFailure() throws Exception {
    Map<String, Object> gate =
        outcome("FAILED", "[{\"name\":\"accuracy >= 0.9\",\"passed\":false}]", 1);
    Map<String, Object> crash = outcome("FAILED", "[{\"name\":\"accuracy >= 0.9\"}]", 1);
    Map<String, Object> ok =
        outcome("SUCCEEDED", "[{\"name\":\"accuracy >= 0.9\",\"passed\":true}]", 0);

    assertThat(gate).containsEntry("gateFailed", true).containsEntry("passed", false);
    assertThat(crash).containsEntry("gateFailed", false).containsEntry("passed", false);
    assertThat(ok).containsEntry("gateFailed", false).containsEntry("passed", true);
  }

  @Test
  void missingRunRecordIsAFailureThatExplainsTheExitCode() throws Exception {
    Map<String, Object> step = Map.of("id", "train", "step", "train", "kind", "run");
    Object outcome = call("StepOutcome", "fromRun", step, 3, null);
    assertThat(outcome.toString()).contains("FAILED", "exited with code 3 (infrastructure)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void gateFailuresMakeTheBuildUnstableUnlessConfiguredAndStepFailuresWin() throws Exception {
    Map<String, Object> gate = outcome("FAILED", "[{\"name\":\"auc\",\"passed\":false}]", 1);
    Map<String, Object> good = outcome("SUCCEEDED", "[]", 0);
    List<Map<String, Object>> gated = List.of(gate, good);

    Map<String, Object> unstable =
        (Map<String, Object>) call("Verdict", "decide", "p", gated, "UNSTABLE");
    Map<String, Object> failure =
        (Map<String, Object>) call("Verdict", "decide", "p", gated, "FAILURE");
    Map<String, Object> success =
        (Map<String, Object>) call("Verdict", "decide", "p", gated, "SUCCESS");

    assertThat(unstable.get("result")).isEqualTo("UNSTABLE");
    assertThat(unstable.get("message").toString()).contains("step quality failed its metric gates");
    assertThat(failure.get("result")).isEqualTo("FAILURE");
    assertThat(success.get("result")).isEqualTo("SUCCESS");
  }

  @Test
  void lockedResourceNamesGiveSortedGpuIndices() throws Exception {
    assertThat(call("GpuLocks", "indices", "a100-1-gpu-3,a100-1-gpu-1")).isEqualTo("1,3");
    assertThat(call("GpuLocks", "indices", "h100-1-gpu-10")).isEqualTo("10");
    assertThat(call("GpuLocks", "indices", "a100-1-gpu-0,spare")).isNull();
    assertThat(call("GpuLocks", "label", "a100-1", null)).isEqualTo("a100-1-gpu");
    assertThat(call("GpuLocks", "label", "cloud-7f3a", " pool-gpu ")).isEqualTo("pool-gpu");
  }

  @Test
  void gpuStepsAskForAgentsLabelledWithEnoughGpus() throws Exception {
    assertThat(call("GpuLocks", "nodeLabel", "linux", 0)).isEqualTo("linux");
    assertThat(call("GpuLocks", "nodeLabel", "gpu && a100", 15))
        .isEqualTo("(gpu && a100) && (gpus-15 || gpus-16)");
    assertThat(call("GpuLocks", "nodeLabel", "", 16)).isEqualTo("gpus-16");
    assertThat(call("GpuLocks", "nodeLabel", "", 20)).isEqualTo("gpus-20");
  }

  @Test
  void quotedArgumentsReachTheCommandAsOneLiteralWordEach() throws Exception {
    List<String> words = List.of("train[lr=0.01]", "it's; rm -rf /tmp/x", "$(id)", "a b");
    String line = (String) call("Shell", "join", words);
    Process echo = new ProcessBuilder("bash", "-c", "printf '%s\\n' " + line).start();
    String printed = new String(echo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(printed.split("\n")).containsExactlyElementsOf(words);
  }

  @Test
  @SuppressWarnings("unchecked")
  void optionsReportEveryMistakeWithAFix() throws Exception {
    Map<String, Object> args =
        Map.of("fiel", "x.yaml", "reportDir", "../out", "gateFailure", "maybe", "params", "rows=3");
    Object options = call("BatonOptions", "parse", args, null);
    List<String> problems = (List<String>) InvokerHelper.getProperty(options, "problems");
    assertThat(String.join("\n", problems))
        .contains("unknown argument 'fiel', did you mean 'file'?")
        .contains("reportDir '../out' is not a directory inside the workspace")
        .contains("gateFailure 'maybe' is not one of UNSTABLE, FAILURE, SUCCESS")
        .contains("params must be a map");
  }

  @Test
  @SuppressWarnings("unchecked")
  void onlyAsOneStringKeepsTheCommasOfAMatrixCellId() throws Exception {
    Object options =
        call("BatonOptions", "parse", Map.of("only", "prep, train[lr=0.1,l2=0]"), null);

    assertThat((List<String>) InvokerHelper.getProperty(options, "only"))
        .containsExactly("prep", "train[lr=0.1,l2=0]");
  }
}
