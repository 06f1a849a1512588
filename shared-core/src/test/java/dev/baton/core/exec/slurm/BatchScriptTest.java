package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.Command;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generated batch scripts with the real /bin/sh: quoting is proved, not assumed. */
class BatchScriptTest {
  private static final String NASTY = "it's \"$(touch pwned)\" `id` $HOME \\ ; | & \n second line";

  @TempDir Path dir;

  @Test
  void environmentValuesArriveByteForByte() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("NASTY", NASTY);
    env.put("EMPTY", "");
    StepLaunch launch =
        TestLaunches.launch(
            "env",
            new Command.Argv(List.of("sh", "-c", "printf '%s|%s' \"$NASTY\" \"${EMPTY-unset}\"")),
            SlurmLaunches.gpus(0),
            Map.of(),
            env,
            dir,
            Optional.empty());

    assertThat(run(launch)).isEqualTo(NASTY + "|");
    assertThat(dir.resolve("pwned")).doesNotExist();
  }

  @Test
  void argvWordsStaySeparateAndLiteral() throws Exception {
    StepLaunch launch =
        TestLaunches.launch(
            "argv",
            new Command.Argv(List.of("printf", "[%s]", "a b", NASTY, "*", "")),
            SlurmLaunches.gpus(0),
            Map.of(),
            Map.of("PATH", System.getenv("PATH")),
            dir,
            Optional.empty());

    assertThat(run(launch)).isEqualTo("[a b][" + NASTY + "][*][]");
    assertThat(dir.resolve("pwned")).doesNotExist();
  }

  @Test
  void shellCommandsRunUnderShInTheWorkingDirectory() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work dir"));
    StepLaunch launch =
        TestLaunches.launch(
            "shell",
            new Command.Shell("echo \"$(pwd)\" && exit 3"),
            SlurmLaunches.gpus(0),
            Map.of(),
            Map.of("PATH", System.getenv("PATH")),
            work,
            Optional.empty());

    Path script = BatchScript.write(launch);
    Process p = new ProcessBuilder("/bin/sh", script.toString()).directory(dir.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo(work.toString());
    assertThat(p.exitValue()).isEqualTo(3);
  }

  @Test
  void theOutputFileReachesTheStepOnTheNode() {
    StepLaunch launch =
        TestLaunches.launch(
            "e",
            new Command.Shell("true"),
            SlurmLaunches.gpus(0),
            Map.of(),
            Map.of("BATON_OUTPUT", "/shared/runs/1/logs/e.attempt-1.outputs"),
            dir,
            Optional.empty());

    assertThat(BatchScript.environment(launch))
        .isEqualTo("export BATON_OUTPUT='/shared/runs/1/logs/e.attempt-1.outputs'\n");
  }

  @Test
  void slurmOwnedVariablesAreLeftToSlurmUnlessTheStepSetsThem() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CUDA_VISIBLE_DEVICES", "0,1");
    env.put("SLURM_JOB_ID", "77");
    env.put("HOSTNAME", "login1");
    env.put("TMPDIR", "/scratch/me");
    env.put("BATON_STEP", "train");
    env.put("bad-name", "x");
    StepLaunch launch =
        TestLaunches.launch(
            "e",
            new Command.Shell("true"),
            SlurmLaunches.gpus(1),
            Map.of("TMPDIR", "/scratch/me"),
            env,
            dir,
            Optional.empty());

    String file = BatchScript.environment(launch);

    assertThat(file).isEqualTo("export BATON_STEP='train'\nexport TMPDIR='/scratch/me'\n");
  }

  @Test
  void environmentFileIsPrivateAndScriptCarriesNoValues() throws IOException {
    StepLaunch launch =
        TestLaunches.launch(
            "secret",
            new Command.Shell("true"),
            SlurmLaunches.gpus(0),
            Map.of(),
            Map.of("API_TOKEN", "s3cr3t"),
            dir,
            Optional.empty());

    Path script = BatchScript.write(launch);

    assertThat(Files.readString(script)).doesNotContain("s3cr3t");
    assertThat(Files.readString(BatchScript.envPath(launch))).contains("s3cr3t");
    assertThat(Files.getPosixFilePermissions(BatchScript.envPath(launch)))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(script.getParent()).isEqualTo(dir.resolve("logs").resolve("slurm"));
    assertThat(script.getFileName().toString()).isEqualTo("secret.1.sh");
  }

  private String run(StepLaunch launch) throws Exception {
    Path script = BatchScript.write(launch);
    Process p = new ProcessBuilder("/bin/sh", script.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
