package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.ContainerTest;
import dev.baton.core.testing.SlurmTest;
import dev.baton.core.testing.TestImages;
import dev.baton.it.slurm.SlurmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance 3: a containerised pipeline on the real one-node Slurm cluster
 * (src-it/slurm/start-cluster.sh), with podman on the node.
 */
@SlurmTest
@ContainerTest
class ContainerSlurmEndToEndTest {
  private static final String IMAGE = "localhost/baton-it-slurm:latest";
  private static final String SECRET = "slurm-s3cr3t-Wq";
  @TempDir static Path images;
  @TempDir Path tmp;

  @BeforeAll
  static void clusterAndImage() throws Exception {
    SlurmCluster.requireRunning();
    TestImages.require();
    TestImages.build(IMAGE, "on-the-node", images);
  }

  @Test
  void theSameDescriptorRunsInItsImageOnTheSlurmNode() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: slurm-containers
        secrets:
          TOKEN: {env: E2E_TOKEN}
        defaults:
          container: {image: %s, runtime: podman}
        steps:
          inside:
            secrets: [TOKEN]
            run: |
              cat /etc/baton-image > from-node.txt
              printf '%%s' "$TOKEN" > token.txt
          seven:
            run: exit 7
            continueOnError: true
        """
            .formatted(IMAGE));
    Map<String, String> env = new HashMap<>(TestImages.environment());
    env.put("E2E_TOKEN", SECRET);
    CliRun r = CliRun.run(tmp, env, "run", "baton.yaml", "--executor", "slurm");

    JsonNode run = new ObjectMapper().readTree(tmp.resolve(".baton/runs/latest/run.json").toFile());
    assertThat(run.get("executor").asText()).isEqualTo("slurm");
    assertThat(Files.readString(tmp.resolve("from-node.txt")).strip())
        .as(r.toString())
        .isEqualTo("on-the-node");
    assertThat(Files.readString(tmp.resolve("token.txt"))).isEqualTo(SECRET);
    for (JsonNode step : run.get("steps")) {
      if (step.get("id").asText().equals("seven")) {
        assertThat(step.get("status").asText()).isEqualTo("FAILED");
        assertThat(step.get("attempts").get(0).get("exitCode").asInt()).isEqualTo(7);
      } else {
        assertThat(step.get("status").asText()).as(r.toString()).isEqualTo("SUCCEEDED");
        assertThat(step.get("attempts").get(0).get("imageDigest").asText()).startsWith("sha256:");
      }
    }
    assertThat(TestImages.containers(run.get("runId").asText())).isEmpty();
  }
}
