package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.ContainerSpec.Pull;
import dev.baton.core.descriptor.ContainerSpec.RuntimeKind;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerDescriptorTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  private static PipelineDescriptor parse(String body) {
    return DescriptorReader.parse(FILE, "version: 1\nname: x\n" + body);
  }

  private static List<String> problems(String body) {
    try {
      parse(body);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    return List.of();
  }

  @Test
  void shortFormNamesTheImageWithEveryDefault() {
    ContainerSpec c =
        parse("steps:\n  a:\n    run: 'true'\n    container: ghcr.io/team/train:v3\n")
            .steps()
            .get("a")
            .container()
            .orElseThrow();
    assertThat(c.image()).isEqualTo("ghcr.io/team/train:v3");
    assertThat(c.runtime()).isEqualTo(RuntimeKind.AUTO);
    assertThat(c.pull()).isEqualTo(Pull.MISSING);
    assertThat(c.options()).isEmpty();
    assertThat(c.user()).isEmpty();
  }

  @Test
  void longFormReadsEveryField() {
    ContainerSpec c =
        parse(
                """
                steps:
                  a:
                    run: python train.py
                    container:
                      image: nvcr.io/nvidia/pytorch:24.05-py3
                      runtime: podman
                      options: [--shm-size=8g, --ipc=host]
                      env: {HF_HOME: /cache/hf}
                      volumes: ['/data/sets:/data:ro', 'cache:/cache']
                      workdir: /work
                      user: '1000:1000'
                      pull: never
                """)
            .steps()
            .get("a")
            .container()
            .orElseThrow();
    assertThat(c.runtime()).isEqualTo(RuntimeKind.PODMAN);
    assertThat(c.options()).containsExactly("--shm-size=8g", "--ipc=host");
    assertThat(c.env()).isEqualTo(Map.of("HF_HOME", "/cache/hf"));
    assertThat(c.volumes()).containsExactly("/data/sets:/data:ro", "cache:/cache");
    assertThat(c.workdir()).isEqualTo("/work");
    assertThat(c.user()).isEqualTo("1000:1000");
    assertThat(c.pull()).isEqualTo(Pull.NEVER);
  }

  @Test
  void stepsInheritTheDefaultsContainerAndFalseRunsOnTheHost() {
    PipelineDescriptor d =
        parse(
            """
            defaults:
              container: python:3.12
            steps:
              inherits: {run: 'true'}
              own: {run: 'true', container: 'alpine:3'}
              host: {run: 'true', container: false}
            """);
    assertThat(d.steps().get("inherits").container().orElseThrow().image())
        .isEqualTo("python:3.12");
    assertThat(d.steps().get("own").container().orElseThrow().image()).isEqualTo("alpine:3");
    assertThat(d.steps().get("host").container()).isEmpty();
  }

  @Test
  void aMalformedImageReferenceIsAnErrorAtTheImage() {
    assertThat(problems("steps:\n  a:\n    run: 'true'\n    container: Team/Train:v3\n"))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:6:16:")
        .contains("image 'Team/Train:v3'")
        .contains("malformed name component 'Team'");
    assertThat(problems("steps:\n  a:\n    run: 'true'\n    container: 'x:bad tag'\n"))
        .singleElement()
        .asString()
        .contains("malformed tag");
    assertThat(problems("steps:\n  a:\n    run: 'true'\n    container: {image: 'x@sha256:12'}\n"))
        .singleElement()
        .asString()
        .contains("malformed digest");
  }

  @Test
  void anUnknownRuntimeOrPullPolicyIsAnErrorSayingTheChoices() {
    assertThat(
            problems(
                "steps:\n  a:\n    run: 'true'\n    container: {image: x, runtime: lxc,"
                    + " pull: sometimes}\n"))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("runtime 'lxc'").contains("podman, docker"))
        .anySatisfy(p -> assertThat(p).contains("pull 'sometimes'").contains("never"));
  }

  @Test
  void unknownKeysMissingImageAndRelativePathsAreErrors() {
    assertThat(problems("steps:\n  a:\n    run: 'true'\n    container: {runtime: podman}\n"))
        .singleElement()
        .asString()
        .contains("has no 'image'");
    assertThat(problems("steps:\n  a:\n    run: 'true'\n    container: {image: x, imgae: y}\n"))
        .isNotEmpty();
    assertThat(
            problems(
                "steps:\n  a:\n    run: 'true'\n    container: {image: x, workdir: rel,"
                    + " volumes: ['a:b']}\n"))
        .hasSize(2);
  }

  @Test
  void apptainerTakesImageFilesAndUris() {
    assertThat(
            problems(
                "steps:\n  a:\n    run: 'true'\n    container: {image: images/train.sif,"
                    + " runtime: apptainer}\n"
                    + "  b:\n    run: 'true'\n    container: {image: 'docker://python:3.12',"
                    + " runtime: apptainer}\n"))
        .isEmpty();
  }

  @Test
  void wellFormedReferencesPass() {
    for (String ref :
        List.of(
            "python",
            "python:3.12-slim",
            "localhost/baton-test:latest",
            "localhost:5000/a/b/c:v1",
            "nvcr.io/nvidia/pytorch:24.05-py3",
            "x@sha256:" + "a".repeat(64),
            "ghcr.io/org/img:v1@sha256:" + "0".repeat(64))) {
      assertThat(ContainerSpec.referenceProblem(ref)).as(ref).isEmpty();
    }
  }
}
