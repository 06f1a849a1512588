package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line under GitHub Actions and GitLab CI (their environment variables set): step
 * output in collapsible groups, failures and descriptor problems as GitHub annotations.
 */
class CiConsoleCliTest {
  @TempDir Path dir;

  private static final String FAILING =
      """
      version: 1
      name: ci
      steps:
        fine:
          run: 'echo fine-output'
        broken:
          needs: [fine]
          run: 'echo broken-output; exit 3'
      """;

  @Test
  void underGithubActionsStepOutputIsGroupedAndAFailedStepIsAnErrorAnnotationAtItsLine()
      throws Exception {
    Files.writeString(dir.resolve("baton.yaml"), FAILING);
    JavaProcess.Result r =
        baton(List.of("GITHUB_ACTIONS=true", "GITHUB_WORKSPACE=" + dir), "run", "baton.yaml");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    List<String> lines = r.output().lines().toList();
    assertThat(lines).containsSubsequence("::group::fine", "[fine] fine-output", "::endgroup::");
    assertThat(lines)
        .containsSubsequence("::group::broken", "[broken] broken-output", "::endgroup::");
    assertThat(lines.stream().filter(l -> l.startsWith("::group::")).count())
        .isEqualTo(lines.stream().filter(l -> l.equals("::endgroup::")).count());
    // 'broken:' is written on line 6, column 3
    assertThat(lines)
        .contains("::error file=baton.yaml,line=6,col=3,title=broken FAILED::exit code 3");
  }

  @Test
  void underGithubActionsADescriptorProblemIsAnErrorAnnotationAtItsPlace() throws Exception {
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: ci
        steps:
          a:
            run: 'true'
            needs: [nowhere]
        """);
    JavaProcess.Result r =
        baton(List.of("GITHUB_ACTIONS=true", "GITHUB_WORKSPACE=" + dir), "run", "baton.yaml");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output().lines().filter(l -> l.startsWith("::error ")).toList())
        .singleElement()
        .asString()
        .startsWith("::error file=baton.yaml,line=4,col=3,")
        .contains(",title=descriptor problem::")
        .contains("nowhere");
  }

  @Test
  void underGitlabStepOutputIsInCollapsedSectionsAndNoGithubCommandsAppear() throws Exception {
    Files.writeString(dir.resolve("baton.yaml"), FAILING);
    JavaProcess.Result r = baton(List.of("GITLAB_CI=true"), "run", "baton.yaml");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    String out = r.output();
    assertThat(out)
        .containsPattern(
            "\u001b\\[0Ksection_start:\\d+:baton_1\\[collapsed=true\\]\r\u001b\\[0Kfine\n"
                + "\\[fine\\] fine-output\n"
                + "\u001b\\[0Ksection_end:\\d+:baton_1\r\u001b\\[0K\n")
        .containsPattern("section_start:\\d+:baton_2\\[collapsed=true\\]\r\u001b\\[0Kbroken\n")
        .doesNotContain("::group::")
        .doesNotContain("::error");
  }

  @Test
  void outsideCiTheConsoleHasNoGroupsOrAnnotations() throws Exception {
    Files.writeString(dir.resolve("baton.yaml"), FAILING);
    JavaProcess.Result r = baton(List.of(), "run", "baton.yaml");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .contains("[broken] broken-output")
        .doesNotContain("::group::")
        .doesNotContain("::error")
        .doesNotContain("section_start");
  }

  /** Runs baton in {@code dir} with only these of the CI variables set. */
  private JavaProcess.Result baton(List<String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("env", "-u", "GITHUB_ACTIONS", "-u", "GITLAB_CI"));
    command.addAll(env);
    command.addAll(JavaProcess.java(BatonCli.class, args));
    return JavaProcess.run(dir, command);
  }
}
