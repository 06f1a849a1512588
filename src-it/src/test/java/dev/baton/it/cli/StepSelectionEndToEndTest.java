package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --only} with matrix cell ids, whose commas are part of the id. */
class StepSelectionEndToEndTest {
  @TempDir Path tmp;

  @BeforeEach
  void descriptor() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: cells
        steps:
          prep: {run: touch prep.ran}
          train:
            needs: prep
            matrix: {lr: [0.1, 0.2], l2: [0, 1]}
            run: touch train-${{ matrix.lr }}-${{ matrix.l2 }}.ran
          other: {run: touch other.ran}
        """);
  }

  @Test
  void runOnlyTakesACellIdWithCommasAndItsNeeds() throws Exception {
    CliRun p =
        CliRun.run(tmp, "run", "baton.yaml", "--only", "train[lr=0.1,l2=0]", "--report-dir", "out");

    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(ran()).containsExactlyInAnyOrder("prep.ran", "train-0.1-0.ran");
  }

  @Test
  void runOnlyListMixesNamesAndCellIds() throws Exception {
    CliRun p =
        CliRun.run(
            tmp,
            "run",
            "baton.yaml",
            "--only",
            "other,train[lr=0.2,l2=1]",
            "--only",
            "'train[lr=0.1,l2=1]'",
            "--report-dir",
            "out");

    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(ran())
        .containsExactlyInAnyOrder("prep.ran", "other.ran", "train-0.2-1.ran", "train-0.1-1.ran");
  }

  @Test
  void planOnlyPrintsTheCellAndWhatItNeedsOnStdout() throws Exception {
    List<String> command =
        CliRun.command("plan", "baton.yaml", "--only", "train[lr=0.1,l2=0]", "--format", "json");
    Path stdout = tmp.resolve("plan.out");
    Path stderr = tmp.resolve("plan.err");
    Process p =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(p.exitValue()).as(Files.readString(stderr)).isZero();
    JsonNode plan = new ObjectMapper().readTree(Files.readString(stdout, StandardCharsets.UTF_8));
    List<String> ids = new ArrayList<>();
    plan.get("steps").forEach(s -> ids.add(s.get("id").asText()));
    assertThat(ids).containsExactly("prep", "train[lr=0.1,l2=0]");
  }

  @Test
  void partOfACellIdIsRefusedNamingTheFullIds() throws Exception {
    CliRun p = CliRun.run(tmp, "plan", "baton.yaml", "--only", "train[lr=0.1]");

    assertThat(p.exitCode).as(p.toString()).isEqualTo(2);
    assertThat(p.output)
        .contains("no step 'train[lr=0.1]' in this pipeline")
        .contains("such as train[lr=0.1,l2=0], train[lr=0.1,l2=1]")
        .contains("or all of them as train");
  }

  private List<String> ran() throws Exception {
    try (var files = Files.list(tmp)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ran")).toList();
    }
  }
}
