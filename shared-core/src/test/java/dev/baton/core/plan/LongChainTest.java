package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.testing.SmallStack;
import dev.baton.core.testing.StepChains;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The depth of the step graph is the user's to choose: checking, planning and printing a chain of
 * 100,000 steps, or a cycle through all of them, must not recurse once per step. Everything runs on
 * a {@link SmallStack} so a recursion shows at a few thousand steps.
 */
class LongChainTest {
  private static final Path FILE = Path.of("chain", "baton.yaml");

  // 30,000 steps is ten times what a recursion overflows a small stack at, and plans in seconds.
  @ParameterizedTest
  @ValueSource(ints = {5_000, 30_000})
  void plansAndPrintsAChainOfManySteps(int length) throws Throwable {
    PipelineDescriptor d = StepChains.chain(length, false);
    Plan plan = SmallStack.call(() -> Planner.plan(d, Map.of(), Set.of(), Optional.empty()));

    assertThat(plan.steps()).hasSize(length);
    assertThat(plan.steps().get(0).id()).isEqualTo("s0");
    assertThat(plan.steps().get(length - 1).id()).isEqualTo("s" + (length - 1));
    for (String format : PlanRenderer.FORMATS) {
      String out = SmallStack.call(() -> PlanRenderer.render(plan, format));
      assertThat(out).as(format).contains("s" + (length - 1));
    }
  }

  @Test
  void selectingTheLastStepOfALongChainKeepsEveryStepItNeeds() throws Throwable {
    PipelineDescriptor d = StepChains.chain(30_000, false);
    Plan plan =
        SmallStack.call(() -> Planner.plan(d, Map.of(), Set.of("s29999"), Optional.empty()));
    assertThat(plan.steps()).hasSize(30_000);
  }

  @ParameterizedTest
  @ValueSource(ints = {5_000, 100_000})
  void reportsACycleThroughManyStepsOnceAndShortened(int length) throws Throwable {
    PipelineDescriptor d = StepChains.chain(length, true);
    DescriptorException e =
        catchThrowableOfType(
            () -> SmallStack.call(() -> Planner.plan(d, Map.of(), Set.of(), Optional.empty())),
            DescriptorException.class);

    assertThat(e).as("a cycle of %d steps is a descriptor error", length).isNotNull();
    assertThat(e.problems()).hasSize(1);
    String message = e.problems().get(0).message();
    assertThat(message)
        .startsWith("steps form a cycle: s0 -> s")
        .contains("more steps)")
        .hasSizeLessThan(300);
  }

  @Test
  void aDescriptorFileWithAFiveThousandStepCycleIsADescriptorError() throws Throwable {
    StringBuilder yaml = new StringBuilder("version: 1\nname: cycle\nsteps:\n");
    int n = 5_000;
    for (int i = 0; i < n; i++) {
      yaml.append("  s").append(i).append(": {run: 'true', needs: [s").append((i + 1) % n);
      yaml.append("]}\n");
    }
    DescriptorException e =
        catchThrowableOfType(
            () -> SmallStack.call(() -> DescriptorReader.parse(FILE, yaml.toString())),
            DescriptorException.class);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("steps form a cycle").contains("chain/baton.yaml:4:3");
  }
}
