package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * carry: 'changed' hands a dependent on another agent every file its need wrote, whatever
 * modification time the file kept, in every build of a job whose workspaces persist.
 */
class CarryTest {
  /** {@code make} writes its files with tools that keep old modification times. */
  static final String KEEPS_OLD_TIMES =
      """
      version: 1
      name: old-times
      params:
        build: '0'
      steps:
        make:
          agent: {label: linux}
          run: sh scripts/make.sh ${{ params.build }}
        use:
          needs: [make]
          agent: {label: a100}
          run: sh scripts/use.sh ${{ params.build }}
      """;

  static final String MAKE =
      """
      set -e
      mkdir -p out staging
      echo "$1" > staging/extracted.txt
      touch -d '2001-02-03 04:05' staging/extracted.txt
      tar -cf staging.tar -C staging extracted.txt
      tar -xf staging.tar -C out
      echo "$1" > staging/copied.txt
      touch -d '2001-02-03 04:05' staging/copied.txt
      cp -p staging/copied.txt out/copied.txt
      echo "$1" > out/touched.txt
      touch -d '2001-02-03 04:05' out/touched.txt
      rm -rf staging staging.tar
      """;

  static final String USE =
      """
      set -e
      for f in extracted copied touched; do
        got=$(cat "out/$f.txt")
        [ "$got" = "$1" ] || { echo "out/$f.txt holds '$got', not build $1" >&2; exit 1; }
      done
      echo "all files of build $1"
      """;

  @TempDir Path tmp;

  @Test
  void filesWrittenWithOldModificationTimesReachTheDependentInEveryBuild() throws Exception {
    Path repo =
        Testbed.project(
            tmp.resolve("repo"),
            Map.of(
                "baton.yaml", KEEPS_OLD_TIMES,
                "scripts/make.sh", MAKE,
                "scripts/use.sh", USE));
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand()).scm(repo);

    // The same job twice: the second build finds the first one's files in both workspaces.
    for (String number : new String[] {"1", "2"}) {
      BuildRun build =
          jenkins.run("@Library('baton') _\nbaton params: [build: '" + number + "']\n");

      assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
      assertThat(build.log())
          .contains("carrying 3 file(s)")
          .contains("all files of build " + number);
      assertThat(Files.readString(jenkins.workspace("a100-1").resolve("out/touched.txt")))
          .isEqualTo(number + "\n");
    }
  }

  @Test
  void noCallDirectoryIsLeftInAnyWorkspaceAfterABuildAndTheReportsStay() throws Exception {
    Path repo =
        Testbed.project(
            tmp.resolve("repo"),
            Map.of(
                "baton.yaml",
                    KEEPS_OLD_TIMES
                        .replace("build: '0'", "build: '0'\n  expect: '0'")
                        .replace("use.sh ${{ params.build }}", "use.sh ${{ params.expect }}"),
                "scripts/make.sh", MAKE,
                "scripts/use.sh", USE));
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand()).scm(repo);

    BuildRun passed = jenkins.run("@Library('baton') _\nbaton params: [build: '9', expect: '9']\n");
    BuildRun failed = jenkins.run("@Library('baton') _\nbaton params: [build: '8', expect: 'x']\n");

    assertThat(passed.result()).as(passed.log()).isEqualTo("SUCCESS");
    assertThat(failed.result()).as(failed.log()).isEqualTo("FAILURE");
    assertThat(jenkins.workspaces()).hasSizeGreaterThanOrEqualTo(2);
    for (Path workspace : jenkins.workspaces()) {
      Path calls = workspace.resolve(".baton/jenkins");
      try (var left = Files.list(calls)) {
        assertThat(left.filter(Files::isDirectory).toList())
            .as("call directories left in " + workspace)
            .isEmpty();
      }
    }
    PipelineChecks.assertReportsPublished(failed, "baton-reports");
    assertThat(PipelineChecks.mergedStatuses(failed, "baton-reports"))
        .containsEntry("make", "SUCCEEDED")
        .containsEntry("use", "FAILED");
  }

  @Test
  void declaredOutputsOfADescriptorInASubdirectoryAreCarriedAndNothingElse() throws Exception {
    String descriptor =
        """
        version: 1
        name: declared
        steps:
          make:
            agent: {label: linux}
            run: mkdir -p build && echo model > build/model.txt && echo scratch > scratch.txt
            outputs: [build/]
          use:
            needs: [make]
            agent: {label: a100}
            run: cat build/model.txt && test ! -e scratch.txt
        """;
    Path repo = Testbed.project(tmp.resolve("repo"), Map.of("ml/baton.yaml", descriptor));
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand()).scm(repo);

    BuildRun build = jenkins.run("@Library('baton') _\nbaton file: 'ml/baton.yaml'\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(build.calls("stash"))
        .anySatisfy(c -> assertThat(c.arg("includes")).isEqualTo("ml/build/**"));
    assertThat(jenkins.workspace("a100-1").resolve("ml/build/model.txt")).hasContent("model");
    assertThat(jenkins.workspace("a100-1").resolve("ml/scratch.txt")).doesNotExist();
  }
}
