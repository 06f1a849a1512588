package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactDescriptorTest {
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
  void readsNamedArtifactsOfAStep() {
    PipelineDescriptor d =
        DescriptorReader.parse(
            FILE,
            """
            version: 1
            name: x
            steps:
              train:
                run: ./train.sh
                artifacts:
                  - {name: model, path: dist/model.bin}
                  - {name: tokenizer, path: dist/tok.json}
            """);
    assertThat(d.steps().get("train").artifacts())
        .extracting(ArtifactSpec::name, ArtifactSpec::path)
        .containsExactly(tuple("model", "dist/model.bin"), tuple("tokenizer", "dist/tok.json"));
  }

  @Test
  void aPathOutsideTheWorkspaceOrAnInvalidNameIsLocatedWithAFix() {
    assertThat(
            problems(
                "  a:\n    run: 'true'\n    artifacts:\n"
                    + "      - {name: 'my model', path: ../model.bin}\n"))
        .containsExactly(
            "pipelines/baton.yaml:7:16: step 'a'.artifacts name 'my model' is not an identifier;"
                + " use letters, digits, '_' and '-', starting with a letter or '_', such as"
                + " 'model'",
            "pipelines/baton.yaml:7:34: step 'a'.artifacts path '../model.bin' leaves the"
                + " workspace; write a file path relative to the descriptor's directory, such as"
                + " 'dist/model.bin'");
  }

  @Test
  void aMissingPathAnExpressionOrADirectoryPatternIsRefused() {
    assertThat(problems("  a:\n    run: 'true'\n    artifacts: [{name: model}]\n"))
        .singleElement()
        .asString()
        .contains("has no 'path'");
    assertThat(
            problems(
                "  a:\n    run: 'true'\n"
                    + "    artifacts: [{name: model, path: 'dist/${{ params.x }}.bin'}]\n"))
        .singleElement()
        .asString()
        .contains("reads an expression");
  }

  @Test
  void theSameNameInTwoStepsIsAnErrorAtTheSecond() {
    assertThat(
            problems(
                "  a:\n    run: 'true'\n    artifacts: [{name: model, path: a.bin}]\n"
                    + "  b:\n    run: 'true'\n    artifacts: [{name: model, path: b.bin}]\n"))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:9:17:")
        .contains("artifact 'model' is declared twice (first at pipelines/baton.yaml:6:17)");
  }

  @Test
  void aBaselineWithAnAtIsNameAtAlias() {
    assertThat(
            problems(
                "  q:\n    validate:\n      metrics: m.json\n"
                    + "      gates: [{metric: auc, baseline: 'model@', maxDrop: 0.1}]\n"))
        .singleElement()
        .asString()
        .contains("baseline 'model@' is not NAME@ALIAS")
        .contains("model@champion");
    assertThat(ModelAlias.of("model@champion")).contains(new ModelAlias("model", "champion"));
    assertThat(ModelAlias.of("champion")).isEmpty();
  }
}
