package dev.baton.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** baton:run against the real core, on tiny descriptors in a temporary folder. */
class RunMojoTest {
  @TempDir Path dir;
  private final RecordingLog log = new RecordingLog();

  @Test
  void failedStepFailsTheBuildNamingStepMessageAndLog() throws IOException {
    RunMojo mojo = mojo("steps:\n  train:\n    run: echo boom && exit 3\n");

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("[train] FAILED: exit code 3")
        .hasMessageContaining(dir.resolve("reports").resolve("logs").toString());
    assertThat(log.lines).contains("INFO [train] boom");
    assertThat(dir.resolve("reports/run.json")).isRegularFile();
  }

  @Test
  void dryRunPrintsThePlanAndRunsNothing() throws Exception {
    RunMojo mojo = mojo("steps:\n  prepare:\n    run: touch ran.txt\n");
    mojo.dryRun = true;

    mojo.execute();

    assertThat(log.lines).anyMatch(l -> l.contains("touch ran.txt"));
    assertThat(log.lines).anyMatch(l -> l.startsWith("INFO Dry run: nothing ran"));
    assertThat(dir.resolve("ran.txt")).doesNotExist();
    assertThat(dir.resolve("reports")).doesNotExist();
  }

  @Test
  void successfulRunLogsEachStepAndWritesReports() throws Exception {
    RunMojo mojo = mojo("steps:\n  prepare:\n    run: touch ran.txt\n");

    mojo.execute();

    assertThat(dir.resolve("ran.txt")).exists();
    assertThat(dir.resolve("reports/junit.xml")).isRegularFile();
    assertThat(log.lines).anyMatch(l -> l.matches("INFO \\[prepare] SUCCEEDED in \\d+\\.\\d s"));
  }

  private static final String BUILD_AND_DEPLOY =
      """
      steps:
        build:
          run: touch built.txt
        ship:
          needs: [build]
          deploy: {strategy: direct, switch: touch deployed.txt}
        smoke:
          needs: [ship]
          run: touch smoked.txt
      """;

  @Test
  void runLeavesOutDeployStepsAndWhatNeedsThemUnlessAsked() throws Exception {
    RunMojo mojo = mojo(BUILD_AND_DEPLOY);

    mojo.execute();

    assertThat(dir.resolve("built.txt")).exists();
    assertThat(dir.resolve("deployed.txt")).doesNotExist();
    assertThat(dir.resolve("smoked.txt")).doesNotExist();
    assertThat(log.lines)
        .anyMatch(l -> l.startsWith("INFO Not running ship, smoke") && l.contains("baton.deploy"));
  }

  @Test
  void aPipelineOfOnlyDeployStepsRunsNothingUnderRunAndSaysSo() throws Exception {
    RunMojo mojo =
        mojo("steps:\n  ship:\n    deploy: {strategy: direct, switch: touch deployed.txt}\n");

    mojo.execute();

    assertThat(dir.resolve("deployed.txt")).doesNotExist();
    assertThat(log.lines).anyMatch(l -> l.startsWith("INFO Not running ship"));
  }

  @Test
  void runDeploysWhenBatonDeployIsTrue() throws Exception {
    RunMojo mojo = mojo(BUILD_AND_DEPLOY);
    mojo.deploy = true;

    mojo.execute();

    assertThat(dir.resolve("deployed.txt")).exists();
    assertThat(dir.resolve("smoked.txt")).exists();
  }

  @Test
  void theDeployGoalRunsTheDeployStepsAndWhatTheyNeed() throws Exception {
    DeployMojo mojo = configure(new DeployMojo(), BUILD_AND_DEPLOY);

    mojo.execute();

    assertThat(dir.resolve("built.txt")).exists();
    assertThat(dir.resolve("deployed.txt")).exists();
    assertThat(dir.resolve("smoked.txt")).doesNotExist();
  }

  @Test
  void kindsRunsOnlyStepsOfThoseKindsAndWhatTheyNeed() throws Exception {
    RunMojo mojo =
        mojo(
            """
            steps:
              build: {run: touch built.txt}
              check:
                needs: [build]
                validate: {run: "echo '{\\"acc\\": 1}' > m.json", metrics: m.json, gates: ["acc >= 0.5"]}
              other: {run: touch other.txt}
            """);
    mojo.kinds = "validate";

    mojo.execute();

    assertThat(dir.resolve("built.txt")).exists();
    assertThat(dir.resolve("other.txt")).doesNotExist();
  }

  @Test
  void kindsNamingDeployOnRunWithoutBatonDeployFailsSayingHowToDeploy() throws Exception {
    RunMojo mojo = mojo(BUILD_AND_DEPLOY);
    mojo.kinds = "deploy";

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("-Dbaton.deploy=true");
    assertThat(dir.resolve("deployed.txt")).doesNotExist();
  }

  @Test
  void anUnknownKindIsRefusedNamingTheKinds() throws Exception {
    RunMojo mojo = mojo(BUILD_AND_DEPLOY);
    mojo.kinds = "run,depoly";

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("'depoly'")
        .hasMessageContaining("run, validate, benchmark or deploy");
    assertThat(dir.resolve("built.txt")).doesNotExist();
  }

  private RunMojo mojo(String steps) throws IOException {
    return configure(new RunMojo(), steps);
  }

  private <M extends AbstractRunMojo> M configure(M mojo, String steps) throws IOException {
    Path descriptor = dir.resolve("baton.yaml");
    Files.writeString(descriptor, "version: 1\nname: t\n" + steps);
    mojo.file = descriptor.toFile();
    mojo.reportDir = dir.resolve("reports").toFile();
    mojo.parallel = 1;
    mojo.setLog(log);
    return mojo;
  }
}
