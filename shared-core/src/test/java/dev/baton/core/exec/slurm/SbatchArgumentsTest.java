package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Command;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbatchArgumentsTest {
  @TempDir Path dir;

  private StepLaunch launch(Optional<Duration> timeout) {
    return TestLaunches.launch(
        "train[lr=0.01]",
        new Command.Shell("./train.sh"),
        SlurmLaunches.request("gpu && a100", 2, "A100", 8, 32768),
        Map.of(),
        Map.of(),
        dir,
        timeout);
  }

  @Test
  void mapsTheRequestOntoSbatchOptions() {
    SlurmSettings settings =
        new SlurmSettings(
            Optional.of("gpu"),
            Optional.of("ml-team"),
            Optional.of("high"),
            Duration.ofSeconds(1),
            List.of("--reservation=demo"));
    Path script = dir.resolve("s.sh");

    List<String> args =
        SbatchArguments.build(
            launch(Optional.of(Duration.ofMinutes(90))),
            settings,
            "churn.train[lr=0.01]",
            "a100",
            new SlurmNodeSelection("gpu&a100", List.of("n2")),
            script);

    assertThat(args)
        .containsExactly(
            "sbatch",
            "--parsable",
            "--export=ALL",
            "--job-name=churn.train[lr=0.01]",
            "--output=" + dir.resolve("logs/train[lr=0.01].log"),
            "--open-mode=append",
            "--chdir=" + dir,
            "--partition=gpu",
            "--account=ml-team",
            "--qos=high",
            "--no-requeue",
            "--nodes=1",
            "--ntasks=1",
            "--cpus-per-task=8",
            "--mem=32768M",
            "--gres=gpu:a100:2",
            "--constraint=gpu&a100",
            "--exclude=n2",
            "--time=90",
            "--reservation=demo",
            script.toString());
  }

  @Test
  void leavesOutWhatTheStepDoesNotAsk() {
    StepLaunch plain = TestLaunches.shell("prepare", "true", SlurmLaunches.gpus(0), dir);

    List<String> args =
        SbatchArguments.build(
            plain,
            SlurmSettings.defaults(),
            "p.prepare",
            "",
            SlurmNodeSelection.ANYWHERE,
            dir.resolve("s.sh"));

    assertThat(args)
        .noneMatch(a -> a.startsWith("--gres"))
        .noneMatch(a -> a.startsWith("--constraint"))
        .noneMatch(a -> a.startsWith("--time"))
        .noneMatch(a -> a.startsWith("--partition"))
        .noneMatch(a -> a.startsWith("--cpus-per-task"))
        .noneMatch(a -> a.startsWith("--mem"));
  }

  @Test
  void gpusWithoutAModelAskForAnyType() {
    StepLaunch oneGpu = TestLaunches.shell("t", "true", SlurmLaunches.gpus(1), dir);

    assertThat(
            SbatchArguments.build(
                oneGpu,
                SlurmSettings.defaults(),
                "p.t",
                "",
                SlurmNodeSelection.ANYWHERE,
                dir.resolve("s.sh")))
        .contains("--gres=gpu:1");
  }

  @Test
  void timeLimitsRoundUpToWholeMinutes() {
    assertThat(SbatchArguments.minutes(Duration.ofSeconds(2))).isEqualTo(1);
    assertThat(SbatchArguments.minutes(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(SbatchArguments.minutes(Duration.ofSeconds(61))).isEqualTo(2);
    assertThat(SbatchArguments.minutes(Duration.ofMillis(60_001))).isEqualTo(2);
    assertThat(SbatchArguments.minutes(Duration.ofHours(2))).isEqualTo(120);
  }

  @Test
  void percentSignsInTheLogPathStayLiteral() {
    assertThat(SbatchArguments.outputPattern(Path.of("/r/logs/sweep[p=50%].log")))
        .isEqualTo("/r/logs/sweep[p=50%%].log");
  }

  @Test
  void aMultiNodeStepAsksForItsNodesAndTasksPerNode() {
    StepLaunch launch =
        TestLaunches.launch(
            "train",
            new Command.Shell("srun python train.py"),
            new AgentRequest("", 4, OptionalLong.empty(), "", 0, OptionalLong.empty(), 2, 4),
            Map.of(),
            Map.of(),
            dir,
            Optional.empty());

    List<String> args =
        SbatchArguments.build(
            launch,
            SlurmSettings.defaults(),
            "p.train",
            "",
            new SlurmNodeSelection("", List.of()),
            dir.resolve("s.sh"));

    assertThat(args)
        .contains("--nodes=2", "--ntasks-per-node=4", "--gres=gpu:4")
        .doesNotContain("--nodes=1", "--ntasks=1");
    assertThat(BatchScript.script(launch, dir.resolve("e.env")))
        .contains("MASTER_ADDR=", "MASTER_PORT=", "WORLD_SIZE=", "SLURM_JOB_NODELIST");
  }
}
