package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheDescriptorTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  private static List<String> problems(String steps) {
    try {
      DescriptorReader.parse(FILE, "version: 1\nname: x\nsteps:\n" + steps);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    return List.of();
  }

  @Test
  void readsCacheInputsAndOutputs() {
    PipelineDescriptor d =
        DescriptorReader.parse(
            FILE,
            """
            version: 1
            name: x
            steps:
              prep:
                run: ./prep.sh
                cache: true
                inputs: [prep.sh, 'data/*.csv']
                outputs: [build/features/, build/stats.json]
            """);
    CacheSpec cache = d.steps().get("prep").cache();
    assertThat(cache.enabled()).isTrue();
    assertThat(cache.inputs()).containsExactly("prep.sh", "data/*.csv");
    assertThat(cache.outputs()).containsExactly("build/features/", "build/stats.json");
  }

  @Test
  void stepWithoutCacheKeysHasNone() {
    PipelineDescriptor d =
        DescriptorReader.parse(FILE, "version: 1\nname: x\nsteps:\n  a: {run: 'true'}\n");
    assertThat(d.steps().get("a").cache()).isEqualTo(CacheSpec.NONE);
  }

  @Test
  void cacheWithoutInputsIsAnErrorAtTheCacheKey() {
    assertThat(problems("  a:\n    run: 'true'\n    cache: true\n    outputs: [out]\n"))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:6:12:")
        .contains("no 'inputs'")
        .contains("only the command");
  }

  @Test
  void cacheWithoutOutputsIsAllowed() {
    assertThat(problems("  a: {run: 'true', cache: true, inputs: [a.txt]}\n")).isEmpty();
  }

  @Test
  void pathsLeavingTheWorkspaceArePositionedErrors() {
    List<String> p =
        problems(
            """
              a:
                run: 'true'
                cache: true
                inputs: [../secret.txt, ok.txt, /etc/passwd]
                outputs: [out/../../x, 'build/*.bin', out/../outnot, .baton/cache]
            """);
    assertThat(p)
        .containsExactly(
            "pipelines/baton.yaml:7:14: step 'a'.inputs '../secret.txt' leaves the workspace;"
                + " write a path relative to the descriptor's directory, such as 'data/' or"
                + " 'scripts/*.sh'",
            "pipelines/baton.yaml:7:37: step 'a'.inputs '/etc/passwd' is absolute;"
                + " write a path relative to the descriptor's directory, such as 'data/' or"
                + " 'scripts/*.sh'",
            "pipelines/baton.yaml:8:15: step 'a'.outputs 'out/../../x' leaves the workspace;"
                + " write a path relative to the descriptor's directory, such as 'build/model/'",
            "pipelines/baton.yaml:8:28: step 'a'.outputs 'build/*.bin' is a pattern; outputs must"
                + " be plain files or directories; write a path relative to the descriptor's"
                + " directory, such as 'build/model/'",
            "pipelines/baton.yaml:8:58: step 'a'.outputs '.baton/cache' is inside .baton/, where"
                + " Baton keeps its runs and cache; write a path relative to the descriptor's"
                + " directory, such as 'build/model/'");
  }

  @Test
  void cacheMustBeABoolean() {
    assertThat(problems("  a: {run: 'true', cache: sometimes, inputs: [a]}\n"))
        .singleElement()
        .asString()
        .contains("cache");
  }

  @Test
  void stageStepsCannotBeCached() {
    assertThat(
            problems(
                "  q:\n    validate: {run: 'true', metrics: m.json, gates: ['acc >= 0.5']}\n"
                    + "    cache: true\n    inputs: [m.json]\n"))
        .singleElement()
        .asString()
        .contains("validate step, which cannot be cached");
  }

  @Test
  void expressionsInPathsAreCheckedOnceSubstituted() {
    assertThat(
            problems(
                "  a:\n    run: 'true'\n    matrix: {lr: ['0.1']}\n    cache: true\n"
                    + "    inputs: ['conf/${{ matrix.lr }}.txt']\n"
                    + "    outputs: ['build/${{ matrix.lr }}/']\n"))
        .isEmpty();
  }
}
