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
    String line = "#" + "x".repeat(1022) + "\n"; // 1 KiB a line: the limit falls at line 1025
    List<DescriptorProblem> problems = read(line.repeat(1100));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).position().line()).isEqualTo(1025);
    assertThat(problems.get(0).position().column()).isEqualTo(1);
    assertThat(problems.get(0).message())
        .isEqualTo("the descriptor is larger than 1 MiB; it reaches the limit here");
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
