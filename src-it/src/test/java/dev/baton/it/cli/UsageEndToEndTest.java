package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU use sampled from a fake nvidia-smi through the real CLI, and the right-sizing advice it leads
 * to in summary.md, report.html and {@code baton advise}.
 */
class UsageEndToEndTest {
  @TempDir Path tmp;

  @Test
  void aStepAskingFourGpusAndUsingOneIsAdvisedGpusOne() throws Exception {
    Path usage = tmp.resolve("gpu-usage.csv");
    // GPU 0 busy (11.2 GiB of 80, 35 %), the other three idle.
    Files.writeString(
        usage, "0, 11468, 81920, 35\n1, 0, 81920, 0\n2, 0, 81559, 0\n3, 0, 81559, 0\n");
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: advice
        steps:
          train: {agent: {gpus: 4}, timeout: 2h, run: 'sleep 1.5'}
        """);
    Map<String, String> env =
        Map.of(
            "PATH", FakeNvidiaSmi.onPath(tmp),
            "FAKE_NVIDIA_SMI_USAGE", usage.toString(),
            "BATON_USAGE_INTERVAL", "200ms");
    CliRun p = CliRun.run(tmp, env, "run", "baton.yaml", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isZero();

    JsonNode attempt =
        new ObjectMapper()
            .readTree(tmp.resolve("out/run.json").toFile())
            .get("steps")
            .get(0)
            .get("attempts")
            .get(0);
    JsonNode gpus = attempt.get("usage").get("gpus");
    assertThat(gpus).hasSize(4);
    assertThat(gpus.get(0).get("peakMemoryBytes").asLong()).isEqualTo(11468L << 20);
    assertThat(gpus.get(0).get("peakUtilization").asDouble()).isEqualTo(35.0);
    assertThat(gpus.get(1).get("peakUtilization").asDouble()).isZero();

    String advice = "train: asked 4 GPUs, used 1 (peak 11.2 GiB of 80, 35% util) → gpus: 1";
    assertThat(Files.readString(tmp.resolve("out/summary.md"))).contains(advice);
    assertThat(Files.readString(tmp.resolve("out/report.html")))
        .contains(advice)
        .contains("<svg class=\"usage\"");
    CliRun advise = CliRun.run(tmp, env, "advise", "out");
    assertThat(advise.exitCode).as(advise.toString()).isZero();
    assertThat(advise.output).contains(advice).contains("→ timeout: 1m");
  }
}
