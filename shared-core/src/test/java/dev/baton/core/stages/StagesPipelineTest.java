package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs validate, benchmark and deploy steps for real through {@link Baton}. */
class StagesPipelineTest {
  @TempDir Path dir;
  private HttpServer server;
  private volatile int failFromWeight = 1000;

  private static final String YAML =
      """
      version: 1
      name: stages-e2e
      params:
        accuracy: "0.95"
        slowdown: "1.0"
      steps:
        quality:
          validate:
            run: ./eval.sh ${{ params.accuracy }}
            metrics: metrics.json
            gates:
              - accuracy >= 0.90
              - {metric: eval.auc, min: 0.85, baseline: champion, maxDrop: 1%}
        speed:
          benchmark:
            run: ./latency.sh ${{ params.slowdown }}
            warmup: 1
            repeat: 3
            items: 32
            regression: {baseline: champion, maxSlowdown: 5%}
        release:
          deploy:
            strategy: canary
            weights: [10, 50, 100]
            shift: echo ${{ deploy.weight }} > weight.txt
            health: {http: "http://127.0.0.1:PORT/health", interval: 10ms, count: 2}
            rollback: echo 0 > weight.txt
      """;

  /** Prints five latencies around 10 ms × factor, with 6% noise seeded by a run counter. */
  private static final String LATENCY_SH =
      """
      #!/bin/sh
      n=$(cat .counter 2>/dev/null || echo 0); echo $((n+1)) > .counter
      awk -v seed="$n" -v f="$1" 'BEGIN { srand(seed + 1); for (i = 0; i < 5; i++) printf "::latency_ms %.4f\\n", 10 * f * (1 + 0.06 * (rand() - 0.5)) }'
      """;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          int weight = currentWeight();
          int code = weight >= failFromWeight ? 503 : 200;
          exchange.sendResponseHeaders(code, -1);
          exchange.close();
        });
    server.start();
    Files.writeString(
        dir.resolve("baton.yaml"),
        YAML.replace("PORT", Integer.toString(server.getAddress().getPort())));
    Path eval = dir.resolve("eval.sh");
    Files.writeString(
        eval,
        "#!/bin/sh\nprintf '{\"accuracy\": %s, \"eval\": {\"auc\": 0.9}}' \"$1\" > metrics.json\n");
    eval.toFile().setExecutable(true);
    Path script = dir.resolve("latency.sh");
    Files.writeString(script, LATENCY_SH);
    script.toFile().setExecutable(true);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int currentWeight() {
    try {
      return Integer.parseInt(Files.readString(dir.resolve("weight.txt")).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private RunOutcome run(String name, Map<String, String> params) {
    BatonConfig config =
        BatonConfig.builder(dir.resolve("baton.yaml"))
            .reportDir(dir.resolve(name))
            .params(params)
            .build();
    return new Baton(e -> {}).run(config);
  }

  private static StepRecord step(RunOutcome outcome, String id) {
    return outcome.record().steps().stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<String> rollout(StepRecord release) {
    return ((List<Map<String, Object>>) release.results().get("rollout"))
        .stream().map(e -> e.get("weight") + ":" + e.get("outcome")).collect(Collectors.toList());
  }

  @Test
  void goodRunPassesThenWorseModelSlowdownAndSickCanaryAllFail() throws Exception {
    RunOutcome good = run("good", Map.of());
    assertThat(step(good, "quality").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(good, "speed").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(good, "release").status()).isEqualTo(StepState.SUCCEEDED);
    Map<?, ?> bench = (Map<?, ?>) step(good, "speed").results().get("benchmark");
    assertThat(bench.get("verdict")).isEqualTo("no-baseline");
    assertThat((List<?>) bench.get("samplesMs")).hasSize(15);
    assertThat(rollout(step(good, "release"))).containsExactly("10:ok", "50:ok", "100:ok");
    assertThat(good.reportDir().resolve("benchmarks/jmh-result.json")).exists();
    assertThat(good.reportDir().resolve("benchmarks/benchmark-action-throughput.json")).exists();

    List<Path> files =
        BaselinePromoter.promote(good.record(), "champion", BaselineStore.of(dir, Map.of()));
    assertThat(files).containsExactly(dir.resolve(".baton/baselines/stages-e2e/champion/cpu.json"));

    failFromWeight = 50;
    RunOutcome bad = run("bad", Map.of("accuracy", "0.80", "slowdown", "1.2"));
    assertThat(bad.record().status().name()).isEqualTo("FAILED");

    StepRecord quality = step(bad, "quality");
    assertThat(quality.status()).isEqualTo(StepState.FAILED);
    String junit = Files.readString(bad.reportDir().resolve("junit.xml"));
    assertThat(junit).contains("accuracy &gt;= 0.90").contains("accuracy = 0.8").contains("0.90");

    Map<?, ?> slow = (Map<?, ?>) step(bad, "speed").results().get("benchmark");
    assertThat(slow.get("verdict")).as("%s", slow.get("message")).isEqualTo("fail");
    assertThat(step(bad, "speed").status()).isEqualTo(StepState.FAILED);

    StepRecord release = step(bad, "release");
    assertThat(release.status()).isEqualTo(StepState.FAILED);
    assertThat(release.attempts().get(0).exitCode()).isEqualTo(1);
    assertThat(rollout(release)).containsExactly("10:ok", "50:failed", "0:rollback");
    assertThat(currentWeight()).isZero();
  }
}
