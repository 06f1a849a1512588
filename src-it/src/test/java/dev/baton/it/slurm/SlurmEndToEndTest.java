package dev.baton.it.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.SlurmTest;
import dev.baton.it.cli.CliRun;
import dev.baton.it.cli.ResumableChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole pipelines on the real two-node Slurm cluster that src-it/slurm/start-cluster.sh starts. */
@SlurmTest
class SlurmEndToEndTest {
  @TempDir Path tmp;

  @BeforeAll
  static void clusterAnswers() throws Exception {
    SlurmCluster.requireRunning();
  }

  @Test
  void quickstartRunsGreenOnSlurmWithTheSameReports() throws Exception {
    Path copy = CliRun.copyQuickstart(tmp);
    CliRun p = CliRun.run(copy, "run", "baton.yaml", "--executor", "slurm", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isZero();
    JsonNode run = new ObjectMapper().readTree(copy.resolve("out/run.json").toFile());
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.get("executor").asText()).isEqualTo("slurm");
    assertThat(run.get("steps")).hasSize(8);
    assertThat(copy.resolve("out/junit.xml")).exists();
    assertThat(copy.resolve("out/summary.md")).exists();
    assertThat(Files.readString(copy.resolve("out/logs/prepare.log")))
        .contains("prepared 400 rows");
  }

  @Test
  void stepOutputsWrittenOnTheNodeReachTheStepsThatReadThem() throws Exception {
    // The outputs pipeline of the Maven sample: gen, a 3-cell train, pick, report, a deploy gate.
    Files.copy(
        CliRun.REPO.resolve("src-it/maven/outputs-pipeline/baton.yaml"), tmp.resolve("baton.yaml"));
    CliRun p = CliRun.run(tmp, "run", "baton.yaml", "--executor", "slurm", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isZero();
    JsonNode run = new ObjectMapper().readTree(tmp.resolve("out/run.json").toFile());
    assertThat(run.get("executor").asText()).isEqualTo("slurm");
    Map<String, JsonNode> steps = new LinkedHashMap<>();
    run.get("steps").forEach(s -> steps.put(s.get("id").asText(), s));
    assertThat(steps).hasSize(7);
    steps.forEach((id, s) -> assertThat(s.get("status").asText()).as(id).isEqualTo("SUCCEEDED"));
    assertThat(steps.get("gen").get("outputs").get("notes").asText())
        .isEqualTo("first line\nsecond line");
    assertThat(steps.get("train[lr=0.001]").get("outputs").get("acc").asText()).isEqualTo("0.88");
    assertThat(steps.get("pick").get("outputs").get("all").asText()).isEqualTo("0.71 0.93 0.88");
    assertThat(steps.get("pick").get("outputs").get("best").asText()).isEqualTo("0.93");
    assertThat(steps.get("report").get("outputs").get("printed").asText())
        .isEqualTo("best accuracy 0.93");
    assertThat(steps.get("release").get("results").get("gates"))
        .hasSize(2)
        .allSatisfy(g -> assertThat(g.get("passed").asBoolean()).isTrue());
    assertThat(Files.readAllLines(tmp.resolve("notes.txt")))
        .containsExactly("first line", "second line");
  }

  @Test
  void dynamicFanOutOverAStepsOutputRunsGreenOnSlurm() throws Exception {
    // Issue 16, acceptance 6: the cells of train come from gen's output, made on a node.
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: fanout
        steps:
          gen:
            run: echo 'lrs=[0.1,0.01,0.001]' >> "$BATON_OUTPUT"
          train:
            needs: [gen]
            matrix: {lr: "${{ fromJSON(needs.gen.outputs.lrs) }}"}
            run: |
              case ${{ matrix.lr }} in 0.1) acc=0.71;; 0.01) acc=0.93;; *) acc=0.88;; esac
              echo "acc=$acc" >> "$BATON_OUTPUT"
          pick:
            needs: [train]
            run: |
              best=$(echo ${{ join(needs.train.outputs.acc, ' ') }} | tr ' ' '\\n' | sort -g | tail -n 1)
              echo "best=$best" >> "$BATON_OUTPUT"
          report:
            needs: [pick]
            run: echo "best accuracy ${{ needs.pick.outputs.best }}"
        """);
    CliRun p = CliRun.run(tmp, "run", "baton.yaml", "--executor", "slurm", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isZero();
    JsonNode run = new ObjectMapper().readTree(tmp.resolve("out/run.json").toFile());
    Map<String, JsonNode> steps = new LinkedHashMap<>();
    run.get("steps").forEach(s -> steps.put(s.get("id").asText(), s));
    assertThat(steps.keySet())
        .contains("gen", "train[lr=0.1]", "train[lr=0.01]", "train[lr=0.001]", "pick", "report");
    steps.forEach((id, s) -> assertThat(s.get("status").asText()).as(id).isEqualTo("SUCCEEDED"));
    assertThat(steps.get("pick").get("outputs").get("best").asText()).isEqualTo("0.93");
    assertThat(Files.readString(tmp.resolve("out/logs/report.log"))).contains("best accuracy 0.93");
  }

  @Test
  void stepAskingForMoreGpusThanAnyNodeHasIsRefusedBeforeSubmission() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: too-big
        steps:
          first: {run: 'touch ran.txt'}
          huge: {agent: {label: gpu, gpus: 8}, run: 'true'}
        """);
    CliRun p = CliRun.run(tmp, "run", "baton.yaml", "--executor", "slurm", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isEqualTo(2);
    assertThat(p.output).contains("no agent can run step huge").contains("needs 8");
    assertThat(tmp.resolve("ran.txt")).doesNotExist();
  }

  @Test
  void failingStepKeepsItsExitCodeOnSlurm() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"), "version: 1\nname: fails\nsteps:\n  bad: {run: 'exit 3'}\n");
    CliRun p = CliRun.run(tmp, "run", "baton.yaml", "--executor", "slurm", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isEqualTo(1);
    JsonNode run = new ObjectMapper().readTree(tmp.resolve("out/run.json").toFile());
    assertThat(run.get("steps").get(0).get("attempts").get(0).get("exitCode").asInt()).isEqualTo(3);
  }

  @Test
  void resumeTakesAJobThatEndedWhileBatonWasDownFromSlurm() throws Exception {
    Path dir = ResumableChain.create(tmp.resolve("slurm-resume"));
    Process baton = ResumableChain.start(dir, "--executor", "slurm");
    ResumableChain.await("s4 was submitted", () -> ResumableChain.s4Running(dir));
    baton.destroyForcibly().waitFor(); // SIGKILL: the job stays with Slurm

    Files.writeString(dir.resolve("go4"), "");
    ResumableChain.await("the s4 job wrote", () -> ResumableChain.counter(dir).size() == 4);
    // The job must have ended in Slurm's eyes before Baton resumes, whatever the node's speed.
    ResumableChain.await("Slurm saw the chain.s4 job end", SlurmEndToEndTest::noChainJobIsActive);

    CliRun resumed =
        CliRun.run(dir, "run", "baton.yaml", "--executor", "slurm", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.output).contains("1 finished while Baton was down");
    assertThat(ResumableChain.counter(dir).stream().map(l -> l.split(" ")[1]))
        .containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
  }

  /** No job of the chain pipeline is pending, running or completing (squeue answers, too). */
  private static boolean noChainJobIsActive() {
    try {
      Process p =
          new ProcessBuilder(
                  "squeue",
                  "--noheader",
                  "--states=PENDING,RUNNING,COMPLETING,CONFIGURING,SUSPENDED",
                  "--format=%j")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      return p.waitFor() == 0 && out.lines().noneMatch(name -> name.startsWith("chain."));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
