package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Planner;
import dev.baton.core.testing.SmallStack;
import dev.baton.core.testing.StepChains;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The critical path is as long as the user makes the chain; measuring it must not recurse. */
class CriticalPathTest {
  @Test
  void measuresAThirtyThousandStepChainWithoutRecursing() throws Throwable {
    Plan plan = Planner.plan(StepChains.chain(30_000, false), Map.of(), Set.of(), Optional.empty());
    Map<String, Integer> lengths = SmallStack.call(() -> CriticalPath.lengths(plan.steps()));
    assertThat(lengths).containsEntry("s0", 30_000).containsEntry("s29999", 1);
  }
}
