package dev.baton.jenkins.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test runtime behaves like Jenkins where the library relies on it. */
class RecordingPipelineRuntimeTest {
  @TempDir Path tmp;
  private Path library;

  @BeforeEach
  void emptyLibrary() throws IOException {
    library = Files.createDirectories(tmp.resolve("lib"));
    Files.createDirectories(library.resolve("vars"));
    Files.createDirectories(library.resolve("src"));
  }

  private RecordingPipelineRuntime runtime() {
    return new RecordingPipelineRuntime(tmp.resolve("jenkins"))
        .library(library)
        .agent(TestAgent.of("linux-1", "linux", 1, 0))
        .agent(TestAgent.of("a100-1", "gpu a100", 2, 2))
        .agent(TestAgent.of("h100-1", "gpu h100", 4, 4));
  }

  @Test
  void nodeRunsOnlyOnAgentsWhoseLabelsMatchAndShRunsInTheirWorkspace() {
    BuildRun build =
        runtime()
            .run(
                "def b = [:]\n"
                    + "for (int i = 0; i < 4; i++) { b[\"b$i\"] = { node('gpu && !a100') {"
                    + " sh 'echo \"$NODE_NAME in $PWD\" > where.txt; cat where.txt' } } }\n"
                    + "parallel b\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(build.calls("sh")).hasSize(4).allMatch(c -> c.agent().equals("h100-1"));
    assertThat(build.log()).contains("h100-1 in " + tmp.resolve("jenkins/agents/h100-1/workspace"));
  }

  @Test
  void nodeWaitsWhileEveryMatchingExecutorIsBusy() {
    RecordingPipelineRuntime runtime = runtime();
    BuildRun build =
        runtime.run(
            "parallel a: { node('linux') { sh 'sleep 0.3' } }, b: { node('linux') { sh 'sleep 0.3' } },"
                + " c: { node('h100') { sh 'sleep 0.3' } }, d: { node('h100') { sh 'sleep 0.3' } }\n");

    List<RecordedCall> linux =
        build.calls("sh").stream().filter(c -> c.agent().equals("linux-1")).toList();
    List<RecordedCall> h100 =
        build.calls("sh").stream().filter(c -> c.agent().equals("h100-1")).toList();
    assertThat(linux.get(0).overlaps(linux.get(1))).as("one executor: one at a time").isFalse();
    assertThat(h100.get(0).overlaps(h100.get(1))).as("parallel really is parallel").isTrue();
    assertThat(runtime.peakBusyExecutors("linux-1")).isEqualTo(1);
  }

  @Test
  void lockCountsResourcesAndNamesTheLockedOnes() {
    RecordingPipelineRuntime runtime = runtime();
    BuildRun build =
        runtime.run(
            "def b = [:]\n"
                + "for (int i = 0; i < 3; i++) { b[\"b$i\"] = { node('h100') {"
                + " lock(label: 'h100-1-gpu', quantity: 2, variable: 'GPU') {"
                + " echo \"got ${env.GPU} ${env.GPU1}\"; sh 'sleep 0.2' } } } }\n"
                + "parallel b\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(build.log())
        .containsPattern("got h100-1-gpu-[0-3],h100-1-gpu-[0-3] h100-1-gpu-[0-3]");
    assertThat(runtime.lockableResources().holds()).hasSize(6);
    assertThat(runtime.lockableResources().waits()).as("6 GPUs wanted, 4 there").isPositive();
  }

  @Test
  void lockAndNodeThatCanNeverBeSatisfiedWaitAsJenkinsDoesUntilTheTestLimit() {
    BuildRun lock =
        runtime()
            .maxWaitMillis(1500)
            .run("node('a100') { lock(label: 'a100-1-gpu', quantity: 3) { echo 'never' } }\n");
    BuildRun node = runtime().maxWaitMillis(1500).run("node('tpu') { echo 'never' }\n");

    assertThat(lock.log()).contains("[a100-1-gpu] is not free, waiting for execution");
    assertThat(lock.error()).contains("waited too long to lock", "can never be satisfied");
    assertThat(node.log()).contains("Still waiting to schedule task");
    assertThat(node.error())
        .contains("waited too long for a node", "no nodes with the label 'tpu'");
    assertThat(lock.log() + node.log()).doesNotContain("never\n");
  }

  @Test
  void parallelBranchesShareOneCpsThreadSoABusyWaitStallsTheBuild() {
    BuildRun build =
        runtime()
            .maxWaitMillis(2000)
            .run(
                // Each branch waits for the other: whichever the one CPS thread runs first spins
                // for ever, as on Jenkins, whatever order the branches start in. Branches on
                // threads of their own would both finish.
                "def aRan = false\ndef bRan = false\n"
                    + "parallel a: { aRan = true; while (!bRan) { }; echo 'a saw b' },"
                    + " b: { bRan = true; while (!aRan) { }; echo 'b saw a' }\n");

    assertThat(build.result()).isEqualTo("ABORTED");
    assertThat(build.log())
        .contains("CPS thread was busy")
        .doesNotContain("a saw b")
        .doesNotContain("b saw a");
  }

  @Test
  void shRunsBinShWithXtraceSoBashOnlySyntaxFails() {
    BuildRun build =
        runtime().run("node('linux') { sh 'echo posix; [[ 1 == 1 ]] && echo bash-only' }\n");

    assertThat(build.log()).contains("+ echo posix").contains("[[: not found");
    assertThat(build.result()).isEqualTo("FAILURE");
    assertThat(build.error()).isEqualTo("script returned exit code 127");
  }

  @Test
  void misspeltOrMistypedStepArgumentsFailTheBuild() {
    BuildRun typo = runtime().run("node('linux') { sh script: 'true', returnStauts: true }\n");
    BuildRun type =
        runtime().run("node('a100') { lock(label: 'a100-1-gpu', quantity: '2') { echo 'x' } }\n");
    BuildRun html = runtime().install("publishHTML").run("publishHTML(target: [reportDir: 'r'])\n");

    assertThat(typo.error()).contains("sh: unknown parameter 'returnStauts'");
    assertThat(type.error()).contains("lock: 'quantity' must be int, not String '2'");
    assertThat(html.error())
        .contains("missing required parameter 'target.reportFiles'", "'target.reportName'");
  }

  @Test
  void abortInterruptsTheRunningStepAndFinallyBlocksStillRunSteps() {
    BuildRun build =
        runtime()
            .abortWhenLogged("sleeping")
            .run(
                "node('linux') {\n"
                    + "  try { sh 'echo sleeping; sleep 60; echo woke' }\n"
                    + "  finally { echo 'cleaning up'; writeFile file: 'after.txt', text: 'x' }\n"
                    + "}\n");

    assertThat(build.result()).isEqualTo("ABORTED");
    assertThat(build.log()).contains("cleaning up").doesNotContain("woke");
    assertThat(build.calls("sh"))
        .singleElement()
        .satisfies(c -> assertThat(c.failure()).isNotNull());
    assertThat(build.calls("writeFile"))
        .singleElement()
        .satisfies(c -> assertThat(c.failure()).isNull());
  }

  @Test
  void waitUntilBacksOffAsJenkinsDoes() {
    BuildRun build = runtime().run("def n = 0\nwaitUntil { n++; n > 4 }\necho \"tries: $n\"\n");

    assertThat(build.log()).contains("tries: 5");
    assertThat(build.waitUntilPauses()).containsExactly(250L, 300L, 360L, 432L);
  }

  @Test
  void timeoutInterruptsItsBodyAndCatchErrorLetsTheBuildGoOn() {
    BuildRun timedOut =
        runtime().run("timeout(time: 1, unit: 'SECONDS') { node('linux') { sh 'sleep 60' } }\n");
    BuildRun caught =
        runtime().run("catchError(buildResult: 'UNSTABLE') { error 'broke' }\necho 'went on'\n");

    assertThat(timedOut.result()).isEqualTo("ABORTED");
    assertThat(timedOut.error()).contains("Timeout has been exceeded");
    assertThat(caught.result()).isEqualTo("UNSTABLE");
    assertThat(caught.log()).contains("went on");
  }

  @Test
  void stashCarriesFilesFromOneAgentToAnother() {
    BuildRun build =
        runtime()
            .run(
                "node('linux') { sh 'mkdir -p out && echo model > out/m.txt && echo no > skip.txt';"
                    + " stash name: 's', includes: 'out/**' }\n"
                    + "node('h100') { unstash 's'; echo readFile('out/m.txt'); echo \"${fileExists('skip.txt')}\" }\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(build.log()).contains("model").contains("false");
  }

  @Test
  void unknownStepFailsLikeJenkinsWithNoSuchDslMethod() {
    BuildRun build =
        runtime()
            .run(
                "try { publishHTML(target: [:]) } catch (NoSuchMethodError e) { echo 'caught: ' + e.message }\n"
                    + "node('linux') { sh 'exit 3' }\n");

    assertThat(build.log()).contains("caught: No such DSL method 'publishHTML' found among steps");
    assertThat(build.result()).isEqualTo("FAILURE");
    assertThat(build.error()).isEqualTo("script returned exit code 3");
  }

  @Test
  void cpsModeReportsMismatchesAndStateJenkinsCouldNotSave() throws IOException {
    Files.writeString(
        library.resolve("vars/sorted.groovy"),
        "def call(List l) { return l.sort { a, b -> a <=> b } }\n");
    Files.writeString(
        library.resolve("vars/holding.groovy"),
        "def call() { def lock = new Object(); echo 'holding'; return lock.hashCode() }\n");

    BuildRun build = runtime().run("echo \"${sorted([3, 1, 2])}\"\nholding()\n");

    assertThat(build.cpsMismatches()).singleElement().asString().contains("sort");
    assertThat(build.unserializableState())
        .singleElement()
        .asString()
        .contains("at step echo", "NotSerializableException: java.lang.Object");
  }
}
