package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reuse through the real command line (issue 24): examples/reuse holds two pipelines that include
 * one common file and use one train → validate template; both run green, and a mistyped input, an
 * include cycle and a step defined twice are located errors naming both places.
 */
class ReuseEndToEndTest {
  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Path example() throws IOException {
    Path from = CliRun.REPO.resolve("examples/reuse");
    Path to = tmp.resolve("reuse");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  private static List<String> stepIds(Path dir) throws IOException {
    JsonNode run = JSON.readTree(dir.resolve(".baton/runs/latest/run.json").toFile());
    List<String> ids = new ArrayList<>();
    run.get("steps").forEach(s -> ids.add(s.get("id").asText() + "=" + s.get("status").asText()));
    return ids;
  }

  @Test
  void twoPipelinesShareOneTemplateAndOneIncludedFileAndBothRunGreen() throws Exception {
    Path dir = example();

    CliRun resnet = CliRun.run(dir, "run", "resnet.baton.yaml");
    assertThat(resnet.exitCode).as(resnet.toString()).isZero();
    assertThat(resnet.output)
        .contains("training resnet50 on data: lr=0.1 epochs=3")
        .contains("resnet50 reached 0.93");
    assertThat(stepIds(dir))
        .containsExactly(
            "prepare=SUCCEEDED",
            "resnet-train=SUCCEEDED",
            "resnet-validate=SUCCEEDED",
            "report=SUCCEEDED");

    CliRun bert = CliRun.run(dir, "run", "bert.baton.yaml");
    assertThat(bert.exitCode).as(bert.toString()).isZero();
    assertThat(bert.output).contains("training bert-base on data: lr=0.00002 epochs=2");
    assertThat(stepIds(dir))
        .containsExactly("prepare=SUCCEEDED", "bert-train=SUCCEEDED", "bert-validate=SUCCEEDED");
  }

  @Test
  void aMistypedInputIsReportedAtTheUsingLineAndAtTheTemplatesInputLine() throws Exception {
    Path dir = example();
    Path resnet = dir.resolve("resnet.baton.yaml");
    Files.writeString(
        resnet, Files.readString(resnet).replace("lr: 0.1, epochs: 3", "lr: fast, epochs: 3"));

    CliRun check = CliRun.run(dir, "check", "resnet.baton.yaml");
    CliRun run = CliRun.run(dir, "run", "resnet.baton.yaml");

    assertThat(check.exitCode).as(check.toString()).isEqualTo(2);
    assertThat(check.output)
        .contains("resnet.baton.yaml:10:33: input 'lr' of template 'templates/train-validate.yaml'")
        .contains("not 'fast'")
        .contains("(declared at templates/train-validate.yaml:12:3)");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(dir.resolve(".baton/runs")).doesNotExist();
  }

  @Test
  void anIncludeCycleAndAStepDefinedTwiceAreLocatedErrors() throws Exception {
    Path dir = example();
    Files.writeString(dir.resolve("a.yaml"), "include: [b.yaml]\nsteps:\n  a: {run: 'true'}\n");
    Files.writeString(dir.resolve("b.yaml"), "include: [a.yaml]\nsteps:\n  b: {run: 'true'}\n");
    Files.writeString(
        dir.resolve("cycle.baton.yaml"), "version: 1\nname: cycle\ninclude: [a.yaml]\n");
    Files.writeString(
        dir.resolve("twice.baton.yaml"),
        "version: 1\nname: twice\ninclude: [common.yaml]\nsteps:\n  prepare:\n    run: 'true'\n");

    CliRun cycle = CliRun.run(dir, "check", "cycle.baton.yaml");
    CliRun twice = CliRun.run(dir, "check", "twice.baton.yaml");

    assertThat(cycle.exitCode).as(cycle.toString()).isEqualTo(2);
    assertThat(cycle.output).contains("b.yaml:1:").containsIgnoringCase("cycle");
    assertThat(twice.exitCode).as(twice.toString()).isEqualTo(2);
    assertThat(twice.output)
        .contains("twice.baton.yaml:5:3")
        .contains("step 'prepare' is defined twice")
        .contains("common.yaml:7:3");
  }
}
