package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSlurmCliTest {
  private final ProcessSlurmCli cli = new ProcessSlurmCli();

  @Test
  void slurmClientsSeeNoSecretsFromTheJvmEnvironment() {
    Map<String, String> env =
        Map.of(
            "PATH", "/usr/bin",
            "HOME", "/home/ci",
            "SLURM_CONF", "/etc/slurm/slurm.conf",
            "SBATCH_ACCOUNT", "ml",
            "LC_ALL", "C.UTF-8",
            "GITHUB_TOKEN", "ghp_secret",
            "AWS_SECRET_ACCESS_KEY", "x",
            "SLURM_JOB_ID", "12");

    assertThat(ProcessSlurmCli.clientEnvironment(env))
        .containsOnlyKeys("PATH", "HOME", "SLURM_CONF", "SBATCH_ACCOUNT", "LC_ALL");
  }

  @Test
  void returnsExitCodeAndBothStreams() throws IOException {
    SlurmCli.Result r =
        cli.run(
            List.of("/bin/sh", "-c", "echo out; echo 'sbatch: error: no' >&2; exit 4"),
            Duration.ofSeconds(10));

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.firstError()).isEqualTo("sbatch: error: no");
  }

  @Test
  void aCommandThatHangsIsKilledAndSaysNoAnswer() throws IOException {
    long start = System.nanoTime();
    SlurmCli.Result r = cli.run(List.of("sleep", "30"), Duration.ofMillis(300));

    assertThat(r.timedOut()).isTrue();
    assertThat(r.firstError()).isEqualTo("no answer");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void aMissingProgramIsAnIoException() {
    assertThatThrownBy(() -> cli.run(List.of("no-such-sbatch-here"), Duration.ofSeconds(5)))
        .isInstanceOf(IOException.class);
  }
}
