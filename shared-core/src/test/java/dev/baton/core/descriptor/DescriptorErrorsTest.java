package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.plan.Planner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DescriptorErrorsTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  private static List<String> problems(String yaml) {
    try {
      PipelineDescriptor d = DescriptorReader.parse(FILE, yaml);
      Planner.plan(d, Map.of(), Set.of(), Optional.empty());
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void reportsMisspeltKeyWithDidYouMeanAtItsPosition() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        steps:
          a:
            rn: echo hi
        """);
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("pipelines/baton.yaml:5:5: unknown key 'rn'")
                    .contains("did you mean 'run'?"));
  }

  @Test
  void reportsUnknownNeedsWithSuggestion() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        steps:
          train: {run: 'true'}
          eval: {needs: [trian], run: 'true'}
        """);
    assertThat(p)
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:5:3:")
        .contains("needs 'trian'")
        .contains("did you mean 'train'?");
  }

  @Test
  void rejectsCycleAndPrintsPath() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        steps:
          a: {needs: [c], run: 'true'}
          b: {needs: [a], run: 'true'}
          c: {needs: [b], run: 'true'}
        """);
    assertThat(p).singleElement().asString().contains("cycle: a -> c -> b -> a");
  }

  @Test
  void reportsThreeDifferentMistakesTogether() {
    List<String> p =
        problems(
            """
        version: 1
        name: three
        steps:
          prepare: {run: 'true', timout: 5m}
          train: {needs: [prepare, evaluate], run: 'true'}
          evaluate: {needs: [train], run: 'true'}
          package: {needs: [pakage], run: 'true'}
        """);
    assertThat(p).hasSize(3);
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("pipelines/baton.yaml:4:26: unknown key 'timout'")
                    .contains("did you mean 'timeout'?"));
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("pipelines/baton.yaml:7:3:")
                    .contains("needs 'pakage'")
                    .contains("did you mean 'package'?"));
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("pipelines/baton.yaml:5:3:")
                    .contains("cycle: train -> evaluate -> train"));
  }

  @Test
  void rejectsDuplicateKeysNamingBothLines() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        steps:
          a: {run: 'true'}
          a: {run: 'false'}
        """);
    assertThat(p)
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:5:3: duplicate key 'a' (first defined at line 4)");
  }

  @Test
  void rejectsAnchorsAliasesAndTags() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        defaults: &d {timeout: 5m}
        steps:
          a: {run: !shell 'true'}
          b: {run: *d}
        """);
    assertThat(p).anySatisfy(s -> assertThat(s).contains("anchors (&d)"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("aliases"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("tags"));
  }

  @Test
  void rejectsEmptyPipelineAndBadDurationsAndWrongTypes() {
    assertThat(problems("version: 1\nname: x\nsteps: {}\n"))
        .singleElement()
        .asString()
        .contains("the pipeline is empty");
    List<String> p =
        problems(
            """
        version: 1
        name: x
        steps:
          a: {run: 'true', timeout: 5 minutes, needs: 3, continueOnError: maybe}
        """);
    assertThat(p).anySatisfy(s -> assertThat(s).contains("'5 minutes' is not a duration"));
    assertThat(p)
        .anySatisfy(
            s -> assertThat(s).contains("needs must be a list of step names, not a number"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("continueOnError must be true or false"));
  }

  @Test
  void badExpressionPointsAtItsColumn() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        params: {branch: main}
        steps:
          a: {run: 'true', when: params.branch = 'main'}
        """);
    assertThat(p)
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:5:40:")
        .contains("==");
  }

  @Test
  void notYamlGivesPositionNotStackTrace() {
    List<String> p = problems("version: 1\nname: x\nsteps:\n  a: {run: 'true'\n");
    assertThat(p)
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:")
        .contains("not valid YAML");
  }
}
