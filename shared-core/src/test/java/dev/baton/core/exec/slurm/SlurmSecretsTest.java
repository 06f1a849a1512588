package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.agents.Agent;
import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.engine.EngineResult;
import dev.baton.core.engine.RunEngine;
import dev.baton.core.engine.RunSettings;
import dev.baton.core.events.RunEvent;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Planner;
import dev.baton.core.record.StepState;
import dev.baton.core.secrets.RunSecrets;
import dev.baton.core.stages.AliasBaselines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under Slurm the job, not Baton, writes the step's log: the engine still masks it once the attempt
 * ends, and the secret travels in the private environment file, never on sbatch's command line.
 */
class SlurmSecretsTest {
  private static final String TOKEN = "slurm-s3cr3t-value-42";
  private static final List<Agent> NODES = SlurmInventory.parse("n1|gpu|gpu:a100:4|16|64000");

  @TempDir Path dir;

  @Test
  void jobOutputIsMaskedAndTheSecretStaysOffTheCommandLine() throws IOException {
    FakeSlurm slurm = new FakeSlurm();
    List<String> envFiles = new CopyOnWriteArrayList<>();
    SlurmCli cluster =
        (argv, timeout) -> {
          SlurmCli.Result r = slurm.run(argv, timeout);
          if (argv.get(0).equals("sbatch")) {
            // What the job does on the node: it reads the environment file and prints the secret.
            String output = value(argv, "--output=");
            envFiles.add(readEnvFile(Path.of(output)));
            Files.writeString(
                Path.of(output),
                "token is " + TOKEN + "\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
            slurm.jobs.put(r.stdout().strip(), "COMPLETED 0");
          }
          return r;
        };
    Path file = dir.resolve("baton.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: slurm-secrets
        secrets:
          TOKEN: {env: CI_TOKEN}
        steps:
          push: {secrets: [TOKEN], run: echo "$TOKEN"}
        """);
    Plan plan = Planner.plan(DescriptorReader.read(file), Map.of(), Set.of(), Optional.empty());
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    Path reportDir = dir.resolve("report");
    RunSettings settings =
        new RunSettings(
            "run-1",
            "slurm-secrets",
            dir,
            reportDir,
            0,
            true,
            Map.of("PATH", System.getenv("PATH"), "CI_TOKEN", TOKEN),
            Duration.ofSeconds(1),
            false,
            1L,
            RunSecrets.of(Map.of("TOKEN", TOKEN), List.of("CI_TOKEN")),
            true,
            Optional.empty(),
            Duration.ZERO,
            Optional.empty(),
            AliasBaselines.NONE);

    EngineResult result;
    try (SlurmExecutor executor =
        new SlurmExecutor(SlurmSettings.defaults(), "slurm-secrets", () -> NODES, cluster)) {
      result = new RunEngine(plan, NODES, executor, events::add, settings).run();
    }

    assertThat(result.steps().get(0).status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(Files.readString(reportDir.resolve("logs/push.log"))).isEqualTo("token is ****\n");
    assertThat(slurm.calls.toString()).doesNotContain(TOKEN);
    assertThat(envFiles).singleElement().asString().contains("export TOKEN='" + TOKEN + "'");
    assertThat(envFiles.get(0)).doesNotContain("CI_TOKEN");
    assertThat(events.toString()).doesNotContain(TOKEN);
  }

  private static String value(List<String> argv, String option) {
    return argv.stream()
        .filter(a -> a.startsWith(option))
        .findFirst()
        .orElseThrow()
        .substring(option.length());
  }

  /** The environment file BatchScript wrote beside the attempt's script. */
  private static String readEnvFile(Path log) {
    Path slurmDir = log.getParent().resolve("slurm");
    try (var files = Files.list(slurmDir)) {
      Path env = files.filter(p -> p.toString().endsWith(".env")).findFirst().orElseThrow();
      return Files.readString(env);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
