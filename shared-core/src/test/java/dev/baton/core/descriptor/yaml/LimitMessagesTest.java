package dev.baton.core.descriptor.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.DescriptorProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The size and nesting limits are reported in Baton's words, at the place they are reached. */
class LimitMessagesTest {
  private static final String HEAD = "version: 1\nname: x\nsteps:\n";

  @Test
  void nestingPastTheParsersOwnGuardIsOneProblemInBatonsWords() {
    List<DescriptorProblem> problems = read(HEAD + "  a: " + "[".repeat(45) + "]".repeat(45));
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.format())
                  .isEqualTo(
                      "baton.yaml:4:37: the descriptor nests deeper than 32 levels; flatten the"
                          + " structure: no Baton setting needs more than a few levels");
            });
  }

  @Test
  void deepBlockNestingNamesNoLibrary() {
    StringBuilder yaml = new StringBuilder(HEAD + "  a:\n");
    for (int i = 0; i < 60; i++) {
      yaml.append("  ".repeat(i + 2)).append('k').append(i).append(":\n");
    }
    List<DescriptorProblem> problems = read(yaml.toString());
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message())
        .isEqualTo("the descriptor nests deeper than 32 levels")
        .doesNotContain("StreamReadConstraints");
  }

  @Test
  void textOverTheSizeLimitIsRefusedAtTheLineWhereItCrossesIt() {
    String line = "#" + "x".repeat(1022) + "\n"; // 1 KiB a line: the limit (8 MiB) at line 8193
    List<DescriptorProblem> problems = read(line.repeat(8300));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).position().line()).isEqualTo(8193);
    assertThat(problems.get(0).position().column()).isEqualTo(1);
    assertThat(problems.get(0).message())
        .isEqualTo("the descriptor is larger than 8 MiB; it reaches the limit here");
  }

  @Test
  void aGeneratedDescriptorOfTwentyThousandStepsPastSnakeYamlsOwnThreeMegabytesIsRead() {
    // Past 3 MB SnakeYAML refused the file by default ("The incoming YAML document exceeds the
    // limit"), before Baton's own bound: a generated pipeline of 20,000 steps must still read.
    StringBuilder yaml = new StringBuilder(HEAD);
    for (int i = 0; i < 20_000; i++) {
      yaml.append("  step-")
          .append(i)
          .append(":\n    run: python train.py --shard ")
          .append(i)
          .append(" --out out/shard-")
          .append(i)
          .append(" --epochs 10 --seed 17 --log-every 100\n")
          .append(i > 0 ? "    needs: [step-" + (i - 1) + "]\n" : "")
          .append("    env: {SHARD: '")
          .append(i)
          .append("', MODEL_DIR: models/resnet50-imagenet-finetune}\n");
    }
    assertThat(yaml.length()).isBetween(3_500_000, YamlTreeReader.MAX_BYTES);
    assertThat(read(yaml.toString())).isEmpty();
  }

  @Test
  void aFlowListPastTheValueBoundIsOneProblemWhereItCrossesIt() {
    String text = HEAD + "  a: {run: [" + "x,".repeat(YamlTreeReader.MAX_VALUES) + "x]}\n";
    List<DescriptorProblem> problems = read(text);
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "the descriptor holds more than 400000 values; it reaches the limit here");
              assertThat(p.position().line()).isEqualTo(4);
            });
  }

  @Test
  void aFileWithAnAliasOnEveryItemReportsAHundredProblemsThenStops() {
    List<DescriptorProblem> problems = read(HEAD + "  a: [" + "*x, ".repeat(100_000) + "]\n");
    assertThat(problems).hasSize(YamlTreeReader.MAX_PROBLEMS + 1);
    assertThat(problems.get(0).message()).isEqualTo("YAML aliases (*x) are not allowed");
    assertThat(problems.get(YamlTreeReader.MAX_PROBLEMS).message())
        .isEqualTo("reading stopped after 100 problems");
  }

  @Test
  void libraryLimitSourcesAreCutFromMessages() {
    assertThat(
            YamlErrorText.of(
                "Number value length (1001) exceeds the maximum allowed (1000, from"
                    + " `StreamReadConstraints.getMaxNumberLength()`)"))
        .isEqualTo("Number value length (1001) exceeds the maximum allowed (1000)");
  }

  private static List<DescriptorProblem> read(String text) {
    List<DescriptorProblem> problems = new ArrayList<>();
    YamlTreeReader.read("baton.yaml", text, problems);
    return problems;
  }
}
