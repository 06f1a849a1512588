package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.ContainerTest;
import dev.baton.core.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps in containers, through the real CLI and podman, in images built here from busybox-static:
 * the acceptance 1 (two images, ownership, secrets, exit codes, timeouts), 2 ({@code kill
 * -9} and {@code --resume}) and 4 (the cache follows the image, not its tag).
 */
@ContainerTest
class ContainerEndToEndTest {
  private static final String A = "localhost/baton-it-a:latest";
  private static final String B = "localhost/baton-it-b:latest";
  private static final String SECRET = "s3cr3t-Kq8Zx";
  @TempDir static Path images;
  @TempDir Path tmp;
  private static String idA;
  private static String idB;

  @BeforeAll
  static void buildImages() throws IOException {
    TestImages.require();
    idA = TestImages.build(A, "image-a", images);
    idB = TestImages.build(B, "image-b", images);
  }

  private static Map<String, String> env(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(TestImages.environment());
    env.putAll(more);
    return env;
  }

  private static JsonNode runJson(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(".baton/runs/latest/run.json").toFile());
  }

  private static JsonNode step(JsonNode run, String id) {
    for (JsonNode s : run.get("steps")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + run);
  }

  private static long uid(Path p) throws IOException {
    return ((Number) Files.getAttribute(p, "unix:uid")).longValue();
  }

  private static Process start(Path dir, Map<String, String> env, String... args)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(CliRun.command(args))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console.txt").toFile());
    pb.environment().put("CI", "true");
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Every process's command line on the machine, joined. */
  private static String allCommandLines() throws IOException {
    StringBuilder s = new StringBuilder();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (p.getFileName().toString().matches("[0-9]+")) {
          try {
            s.append(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8))
                .append('\n');
          } catch (IOException gone) {
            // the process ended while we looked
          }
        }
      }
    }
    return s.toString();
  }

  @Test
  void stepsRunInTheirImagesWriteCallerOwnedFilesAndGetSecretsOffTheCommandLine() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: two-images
        secrets:
          TOKEN: {env: E2E_TOKEN}
        steps:
          a:
            container: {image: %s, runtime: podman, pull: never}
            run: cat /etc/baton-image > from-a.txt
          b:
            needs: [a]
            container: {image: %s, runtime: podman, pull: never}
            secrets: [TOKEN]
            run: |
              cat /etc/baton-image > from-b.txt
              printf '%%s' "$TOKEN" > secret-seen.txt
              touch b-started
              while [ ! -f scanned ]; do sleep 0.2; done
        """
            .formatted(A, B));
    Process baton = start(tmp, env(Map.of("E2E_TOKEN", SECRET)), "run", "baton.yaml");
    ResumableChain.await("step b runs", () -> Files.exists(tmp.resolve("b-started")));
    String commandLines = allCommandLines();
    Files.writeString(tmp.resolve("scanned"), "");
    assertThat(baton.waitFor()).as(Files.readString(tmp.resolve("console.txt"))).isZero();

    assertThat(commandLines).contains("baton-").doesNotContain(SECRET);
    assertThat(Files.readString(tmp.resolve("from-a.txt")).strip()).isEqualTo("image-a");
    assertThat(Files.readString(tmp.resolve("from-b.txt")).strip()).isEqualTo("image-b");
    assertThat(Files.readString(tmp.resolve("secret-seen.txt"))).isEqualTo(SECRET);
    long me = uid(Path.of("/proc/self"));
    assertThat(uid(tmp.resolve("from-a.txt"))).isEqualTo(me);
    assertThat(uid(tmp.resolve("from-b.txt"))).isEqualTo(me);
    JsonNode run = runJson(tmp);
    JsonNode attemptA = step(run, "a").get("attempts").get(0);
    assertThat(attemptA.get("image").asText()).isEqualTo(A);
    assertThat(attemptA.get("imageDigest").asText()).isEqualTo("sha256:" + idA);
    assertThat(step(run, "b").get("attempts").get(0).get("imageDigest").asText())
        .isEqualTo("sha256:" + idB);
    assertThat(TestImages.containers(run.get("runId").asText())).isEmpty();
  }

  @Test
  void exitCodesComeThroughAndATimeoutLeavesNoContainer() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: ends
        defaults:
          container: {image: %s, pull: never}
        steps:
          seven: {run: exit 7, continueOnError: true}
          slow: {run: sleep 60, timeout: 2s, continueOnError: true}
        """
            .formatted(A));
    long started = System.nanoTime();
    CliRun r = CliRun.run(tmp, env(Map.of()), "run", "baton.yaml");
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    JsonNode run = runJson(tmp);
    JsonNode seven = step(run, "seven");
    assertThat(seven.get("status").asText()).as(r.toString()).isEqualTo("FAILED");
    assertThat(seven.get("attempts").get(0).get("exitCode").asInt()).isEqualTo(7);
    JsonNode slow = step(run, "slow");
    assertThat(slow.get("status").asText()).as(r.toString()).isEqualTo("TIMED_OUT");
    assertThat(seconds).as("the container was stopped, not waited for").isLessThan(50);
    assertThat(TestImages.containers(run.get("runId").asText())).isEmpty();
  }

  @Test
  void killedBatonResumesAndTakesAContainerThatFinishedMeanwhileFromItsExit() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: durable
        steps:
          once:
            container: {image: %s, pull: never}
            run: |
              echo ran >> count.txt
              touch started
              while [ ! -f release ]; do sleep 0.2; done
              exit 0
        """
            .formatted(A));
    Process baton = start(tmp, env(Map.of()), "run", "baton.yaml");
    ResumableChain.await("the step runs", () -> Files.exists(tmp.resolve("started")));
    baton.destroyForcibly().waitFor(); // SIGKILL
    Path exitFile = tmp.resolve(".baton/runs/latest/logs/once.attempt-1.exit");
    Files.writeString(tmp.resolve("release"), "");
    ResumableChain.await(
        "the container ended and its exit was recorded", () -> Files.exists(exitFile));

    CliRun resumed = CliRun.run(tmp, env(Map.of()), "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.output).contains("1 finished while Baton was down");
    assertThat(Files.readAllLines(tmp.resolve("count.txt"))).containsExactly("ran");
    JsonNode once = step(runJson(tmp), "once");
    assertThat(once.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(once.get("attempts")).hasSize(1);
    assertThat(TestImages.containers(runJson(tmp).get("runId").asText())).isEmpty();
  }

  @Test
  void aCacheHitIsInvalidatedWhenTheImageIsRebuiltUnderTheSameTag() throws Exception {
    String tag = "localhost/baton-it-cache:latest";
    TestImages.build(tag, "first", images);
    Files.writeString(tmp.resolve("in.txt"), "input\n");
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: cached
        steps:
          make:
            container: {image: %s, pull: never}
            cache: true
            inputs: [in.txt]
            outputs: [out.txt]
            run: cat in.txt /etc/baton-image > out.txt
        """
            .formatted(tag));
    CliRun first = CliRun.run(tmp, env(Map.of()), "run", "baton.yaml");
    assertThat(first.exitCode).as(first.toString()).isZero();
    String firstDigest =
        step(runJson(tmp), "make").get("attempts").get(0).get("imageDigest").asText();
    CliRun second = CliRun.run(tmp, env(Map.of()), "run", "baton.yaml");
    assertThat(step(runJson(tmp), "make").get("status").asText())
        .as(second.toString())
        .isEqualTo("CACHED");

    TestImages.build(tag, "second", images);
    CliRun third = CliRun.run(tmp, env(Map.of()), "run", "baton.yaml");

    JsonNode make = step(runJson(tmp), "make");
    assertThat(make.get("status").asText()).as(third.toString()).isEqualTo("SUCCEEDED");
    assertThat(make.get("attempts").get(0).get("imageDigest").asText()).isNotEqualTo(firstDigest);
    assertThat(Files.readAllLines(tmp.resolve("out.txt"))).containsExactly("input", "second");
  }

  @Test
  void aMissingImageWithPullNeverAndAMissingRuntimeAreClearErrors() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: checks
        steps:
          missing:
            container: {image: localhost/baton-it-never-built:v1, pull: never}
            run: 'true'
            continueOnError: true
          noruntime:
            container: {image: x.sif, runtime: apptainer}
            run: 'true'
            continueOnError: true
        """);
    Map<String, String> env = env(Map.of());
    CliRun r = CliRun.run(tmp, env, "run", "baton.yaml");

    JsonNode run = runJson(tmp);
    assertThat(step(run, "missing").get("status").asText()).isEqualTo("FAILED");
    assertThat(r.output)
        .contains("image 'localhost/baton-it-never-built:v1' is not on this machine")
        .contains("'pull: never'");
    if (List.of("apptainer", "singularity").stream().noneMatch(ContainerEndToEndTest::onPath)) {
      assertThat(r.output).contains("container runtime 'apptainer' not found on PATH; install");
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
