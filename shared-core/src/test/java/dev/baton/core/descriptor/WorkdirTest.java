package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A step's workdir stays in the workspace unless the descriptor opts out in so many words. */
class WorkdirTest {
  @TempDir Path workspace;

  @ParameterizedTest
  @ValueSource(strings = {"../outside", "/etc", "a/../../outside", ".."})
  void refusesAWorkdirOutsideTheWorkspaceWithALocatedError(String workdir) throws Exception {
    DescriptorException e = refused(step("workdir: '" + workdir + "'"));

    assertThat(e.problems()).hasSize(1);
    DescriptorProblem p = e.problems().get(0);
    assertThat(p.position().line()).isEqualTo(5);
    assertThat(p.message()).contains("step 'a'.workdir '" + workdir + "'");
    assertThat(p.hint()).contains("outsideWorkspace: true");
  }

  @Test
  void refusesASymbolicLinkThatLeadsOutOfTheWorkspace() throws Exception {
    Path outside = Files.createTempDirectory("baton-outside");
    try {
      Files.createSymbolicLink(workspace.resolve("data"), outside);
      DescriptorException e = refused(step("workdir: data/run"));

      assertThat(e.problems()).hasSize(1);
      assertThat(e.problems().get(0).message())
          .contains("through a symbolic link")
          .contains(outside.toRealPath().toString());
    } finally {
      Files.deleteIfExists(workspace.resolve("data"));
      Files.delete(outside);
    }
  }

  @Test
  void acceptsADirectoryInsideTheWorkspaceThatDoesNotExistYet() throws Exception {
    Files.createDirectories(workspace.resolve("models"));
    PipelineDescriptor d = read(step("workdir: models/churn/../churn-v2"));
    assertThat(d.steps().get("a").workdir()).isEqualTo("models/churn/../churn-v2");
  }

  @Test
  void acceptsAnOutsideDirectoryTheDescriptorOptsInto() throws Exception {
    PipelineDescriptor d = read(step("workdir: {path: /etc, outsideWorkspace: true}"));
    assertThat(d.steps().get("a").workdir()).isEqualTo("/etc");
  }

  @Test
  void theMappingFormWithoutTheOptInStillStaysInside() throws Exception {
    DescriptorException e = refused(step("workdir: {path: ../x, outsideWorkspace: false}"));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).message()).contains("leads out of the workspace");
  }

  @Test
  void theMappingFormNamesUnknownKeysAndAMissingPath() throws Exception {
    DescriptorException e = refused(step("workdir: {outside: true}"));
    assertThat(e.problems())
        .extracting(DescriptorProblem::message)
        .containsExactlyInAnyOrder(
            "unknown key 'outside' in step 'a'.workdir", "step 'a'.workdir has no 'path'");
  }

  private static String step(String workdirLine) {
    return "version: 1\nname: w\nsteps:\n  a:\n    " + workdirLine + "\n    run: 'true'\n";
  }

  private PipelineDescriptor read(String yaml) throws Exception {
    Path file = workspace.resolve("baton.yaml");
    Files.writeString(file, yaml);
    return DescriptorReader.read(file);
  }

  private DescriptorException refused(String yaml) throws Exception {
    DescriptorException e = catchThrowableOfType(() -> read(yaml), DescriptorException.class);
    assertThat(e).as("refused:\n%s", yaml).isNotNull();
    return e;
  }
}
