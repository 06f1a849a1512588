package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.testing.SpecialFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include: and uses: merge other files into the pipeline, every error at its own file. */
class IncludesAndTemplatesTest {
  private static final String TEMPLATE =
      """
      inputs:
        model: {type: string}
        lr: {type: number, default: 0.01, min: 0}
      outputs:
        accuracy: validate
      steps:
        train:
          run: echo train ${{ inputs.model }} ${{ inputs.lr }}
        validate:
          needs: [train]
          run: echo validate ${{ inputs.model }}
      """;

  @TempDir Path dir;

  @Test
  void twoPipelinesShareOneTemplateOfTrainThenValidate() throws IOException {
    write("templates/tv.yaml", TEMPLATE);
    write("common.yaml", "env: {DATA: d}\nsteps:\n  prepare: {run: echo prep}\n");
    String head = "version: 1\nname: p\ninclude: [common.yaml]\nsteps:\n";
    PipelineDescriptor a =
        DescriptorReader.read(
            write(
                "a.baton.yaml",
                head
                    + "  fit:\n    uses: templates/tv.yaml\n    needs: [prepare]\n"
                    + "    with: {model: resnet, lr: 0.1}\n"
                    + "  report: {needs: [fit], run: echo done}\n"));
    PipelineDescriptor b =
        DescriptorReader.read(
            write(
                "b.baton.yaml", head + "  bert: {uses: templates/tv.yaml, with: {model: bert}}\n"));

    assertThat(a.steps().keySet())
        .containsExactly("prepare", "fit-train", "fit-validate", "report");
    assertThat(a.steps().get("fit-train").run())
        .isEqualTo(new Command.Shell("echo train resnet 0.1"));
    assertThat(a.steps().get("fit-train").needs()).containsExactly("prepare");
    assertThat(a.steps().get("fit-validate").needs()).containsExactly("fit-train");
    assertThat(a.steps().get("report").needs()).containsExactly("fit-validate");
    assertThat(a.env()).containsEntry("DATA", "d");
    assertThat(b.steps().get("bert-train").run())
        .isEqualTo(new Command.Shell("echo train bert 0.01"));
    // The template's steps point at the template's lines.
    assertThat(a.steps().get("fit-train").position().toString())
        .endsWith("templates" + File.separator + "tv.yaml:7:3");
  }

  @Test
  void aMistypedInputIsReportedAtTheUsingLineAndNamesTheTemplatesInputLine() throws IOException {
    write("templates/tv.yaml", TEMPLATE);
    Path p =
        write(
            "baton.yaml",
            "version: 1\nname: p\nsteps:\n  fit:\n    uses: templates/tv.yaml\n"
                + "    with: {model: m, lr: fast, batch: 3}\n");
    List<String> problems = problems(p);
    assertThat(problems)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(p + ":6:26: input 'lr' of template 'templates/tv.yaml' must be")
                    .contains(
                        "not 'fast' (declared at " + dir.resolve("templates/tv.yaml") + ":3:3)"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(p + ":6:32: template 'templates/tv.yaml' has no input 'batch'"));
  }

  @Test
  void aMissingInputIsReportedAtUsesNamingItsDeclaration() throws IOException {
    write("templates/tv.yaml", TEMPLATE);
    Path p = write("baton.yaml", "version: 1\nname: p\nsteps:\n  fit: {uses: templates/tv.yaml}\n");
    assertThat(problems(p))
        .singleElement()
        .asString()
        .startsWith(p + ":4:15: template 'templates/tv.yaml' needs input 'model'")
        .contains("declared at " + dir.resolve("templates/tv.yaml") + ":2:3");
  }

  @Test
  void aTemplatesSectionDefinesANamedTemplate() throws IOException {
    Path p =
        write(
            "baton.yaml",
            "version: 1\nname: p\ntemplates:\n  hello:\n    inputs: {who: world}\n"
                + "    steps:\n      say: {run: 'echo hi ${{ inputs.who }}'}\n"
                + "steps:\n  greet: {uses: hello, with: {who: you}}\n");
    PipelineDescriptor d = DescriptorReader.read(p);
    assertThat(d.steps().keySet()).containsExactly("greet");
    assertThat(d.steps().get("greet").run()).isEqualTo(new Command.Shell("echo hi you"));
  }

  @Test
  void anIncludeCycleNamesBothPlaces() throws IOException {
    write("a.yaml", "include: [b.yaml]\n");
    write("b.yaml", "include: [a.yaml]\n");
    Path p = write("baton.yaml", "version: 1\nname: p\ninclude: [a.yaml]\nsteps: {s: {run: x}}\n");
    assertThat(problems(p))
        .singleElement()
        .asString()
        .startsWith(dir.resolve("b.yaml") + ":1:11: include cycle a.yaml → b.yaml → a.yaml")
        .contains("first included at " + p + ":3:11");
  }

  @Test
  void aStepDefinedTwiceNamesBothPlacesAndOverrideReplacesIt() throws IOException {
    write("common.yaml", "steps:\n  train: {run: echo common}\n");
    Path p =
        write(
            "baton.yaml",
            "version: 1\nname: p\ninclude: [common.yaml]\nsteps:\n  train: {run: echo mine}\n");
    assertThat(problems(p))
        .singleElement()
        .asString()
        .isEqualTo(
            p
                + ":5:3: step 'train' is defined twice: here and at "
                + dir.resolve("common.yaml")
                + ":2:3; rename one, or write 'override: true' in the one that replaces the other");

    Path o =
        write(
            "o.baton.yaml",
            "version: 1\nname: p\ninclude: [common.yaml]\nsteps:\n"
                + "  train: {override: true, run: echo mine}\n");
    assertThat(DescriptorReader.read(o).steps().get("train").run())
        .isEqualTo(new Command.Shell("echo mine"));
  }

  @Test
  void filesThatCannotBeIncludedAreLocatedErrors() throws Exception {
    Files.createDirectories(dir.resolve("adir"));
    SpecialFiles.fifo(dir.resolve("fifo.yaml"));
    Path p =
        write(
            "baton.yaml",
            "version: 1\nname: p\ninclude: [missing.yaml, adir, fifo.yaml, ../up.yaml, /etc/x.yaml]\n"
                + "steps: {s: {run: x}}\n");
    List<String> problems = problems(p);
    assertThat(problems).hasSize(5);
    assertThat(problems.get(0)).startsWith(p + ":3:11: included file").contains("does not exist");
    assertThat(problems.get(1)).startsWith(p + ":3:25: included file").contains("is a directory");
    assertThat(problems.get(2)).startsWith(p + ":3:31: included file").contains("regular file");
    assertThat(problems.get(3)).startsWith(p + ":3:42: included file '../up.yaml' is outside");
    assertThat(problems.get(4))
        .startsWith(p + ":3:54: included file '/etc/x.yaml' is not a relative");
  }

  @Test
  void includesDeeperThanTheBoundAreRefused() throws IOException {
    for (int i = 0; i < 12; i++) {
      write("f" + i + ".yaml", "include: [f" + (i + 1) + ".yaml]\n");
    }
    write("f12.yaml", "env: {A: b}\n");
    Path p = write("baton.yaml", "version: 1\nname: p\ninclude: [f0.yaml]\nsteps: {s: {run: x}}\n");
    assertThat(problems(p))
        .singleElement()
        .asString()
        .startsWith(dir.resolve("f7.yaml") + ":1:11: includes nest deeper than 8 files");
  }

  @Test
  void includedFilesShareTheDescriptorsSizeBound() throws IOException {
    String big = "#" + "x".repeat(1022) + "\n";
    write("big.yaml", "env: {A: b}\n" + big.repeat(5 << 10)); // 5 MiB
    write("big2.yaml", "env: {C: d}\n" + big.repeat(5 << 10));
    Path p =
        write(
            "baton.yaml",
            "version: 1\nname: p\ninclude: [big.yaml, big2.yaml]\nsteps: {s: {run: x}}\n");
    assertThat(problems(p))
        .singleElement()
        .asString()
        .startsWith(p + ":3:21: included file")
        .contains("8 MiB together");
  }

  private List<String> problems(Path p) {
    try {
      DescriptorReader.read(p);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("no problem in " + p);
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }
}
