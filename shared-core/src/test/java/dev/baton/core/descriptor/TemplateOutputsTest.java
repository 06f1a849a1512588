package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template's declared outputs are read through the using step's name. */
class TemplateOutputsTest {
  private static final String TEMPLATE =
      """
      outputs:
        accuracy: {step: validate}
        rows: prepare
      steps:
        prepare: {run: echo prepare}
        train: {needs: [prepare], run: echo train}
        validate: {needs: [train], run: echo validate}
      """;

  @TempDir Path dir;

  @Test
  void aStepNeedingTheGroupReadsItsOutputsByTheGroupsName() throws IOException {
    Files.writeString(dir.resolve("tv.yaml"), TEMPLATE);
    PipelineDescriptor d =
        DescriptorReader.read(
            write(
                """
                version: 1
                name: p
                steps:
                  fit: {uses: tv.yaml}
                  report:
                    needs: [fit]
                    run: echo ${{ needs.fit.outputs.accuracy }} of ${{ needs.fit.outputs.rows }}
                """));

    assertThat(d.steps().get("report").run())
        .isEqualTo(
            new Command.Shell(
                "echo ${{ needs.fit-validate.outputs.accuracy }} of"
                    + " ${{ needs.fit-prepare.outputs.rows }}"));
    // The writer of 'rows' is not one of the group's last steps: it is needed too, to be read.
    assertThat(d.steps().get("report").needs()).containsExactly("fit-validate", "fit-prepare");
  }

  @Test
  void anOutputTheTemplateDoesNotDeclareIsAnErrorNamingThoseItDoes() throws IOException {
    Files.writeString(dir.resolve("tv.yaml"), TEMPLATE);
    Path p =
        write(
            """
            version: 1
            name: p
            steps:
              fit: {uses: tv.yaml}
              report: {needs: [fit], run: 'echo ${{ needs.fit.outputs.loss }}'}
            """);

    assertThat(problems(p))
        .singleElement()
        .asString()
        .startsWith(p + ":5:41: template 'tv.yaml' (used by step 'fit') declares no output 'loss'")
        .contains("read one it declares: accuracy, rows");
  }

  private Path write(String text) throws IOException {
    Path p = dir.resolve("baton.yaml");
    Files.writeString(p, text);
    return p;
  }

  private static List<String> problems(Path p) {
    try {
      DescriptorReader.read(p);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("no problem in " + p);
  }
}
