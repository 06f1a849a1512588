package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.errors.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindSelectionTest {
  @TempDir Path dir;

  /** build -> check (validate) -> ship (deploy) -> smoke; build -> bench (benchmark). */
  private PipelineDescriptor pipeline() throws Exception {
    Path file = dir.resolve("baton.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: kinds
        steps:
          build: {run: "true"}
          check:
            needs: [build]
            validate: {run: "echo '{\\"acc\\": 1}' > m.json", metrics: m.json, gates: ["acc >= 0.5"]}
          bench:
            needs: [build]
            benchmark: {run: "true"}
          ship:
            needs: [check]
            deploy: {strategy: direct, switch: "true"}
          smoke:
            needs: [ship]
            run: "true"
        """);
    return DescriptorReader.read(file);
  }

  private List<String> planned(KindSelection kinds) throws Exception {
    return Planner.plan(pipeline(), Map.of(), Set.of(), kinds).steps().stream()
        .map(PlannedStep::id)
        .toList();
  }

  @Test
  void everyKindWhenNoneIsChosen() throws Exception {
    assertThat(planned(KindSelection.ALL))
        .containsExactly("build", "check", "bench", "ship", "smoke");
  }

  @Test
  void severalKindsKeepTheirStepsAndWhatTheyNeed() throws Exception {
    assertThat(planned(new KindSelection(Set.of(StepKind.VALIDATE, StepKind.BENCHMARK), Set.of())))
        .containsExactly("build", "check", "bench");
  }

  @Test
  void aLeftOutKindTakesTheStepsThatNeedItWithIt() throws Exception {
    assertThat(planned(new KindSelection(Set.of(), Set.of(StepKind.DEPLOY))))
        .containsExactly("build", "check", "bench");
  }

  @Test
  void choosingKindsNoStepHasSaysWhichAreMissing() {
    assertThatThrownBy(
            () -> {
              Path file = dir.resolve("only-run.yaml");
              Files.writeString(file, "version: 1\nname: r\nsteps:\n  a: {run: \"true\"}\n");
              Planner.plan(
                  DescriptorReader.read(file),
                  Map.of(),
                  Set.of(),
                  new KindSelection(Set.of(StepKind.DEPLOY, StepKind.VALIDATE), Set.of()));
            })
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("this pipeline has no validate or deploy step");
  }
}
