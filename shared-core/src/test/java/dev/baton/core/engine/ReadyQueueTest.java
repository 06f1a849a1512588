package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.plan.PlannedStep;
import dev.baton.core.schedule.ReadyStep;
import dev.baton.core.schedule.Scheduler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyQueueTest {
  @TempDir Path dir;

  private List<PlannedStep> steps(int n) {
    StringBuilder yaml = new StringBuilder("version: 1\nname: t\nsteps:\n");
    for (int i = 0; i < n; i++) {
      yaml.append("  s").append(i).append(": {run: 'true'}\n");
    }
    return new PipelineFixture(dir, yaml.toString()).plan().steps();
  }

  @Test
  void theQueueIsWalkedInTheSchedulersOrderWithoutSortingIt() {
    ReadyQueue queue = new ReadyQueue();
    List<PlannedStep> steps = steps(5);
    List<ReadyStep> added = new ArrayList<>();
    for (int i = steps.size() - 1; i >= 0; i--) {
      ReadyStep r = new ReadyStep(steps.get(i), 1, 10 - i, 0, Set.of(), 1);
      added.add(r);
      queue.add(r);
    }
    List<ReadyStep> sorted = new ArrayList<>(added);
    sorted.sort(Scheduler.ORDER);
    SortedSet<ReadyStep> view = queue.inOrder();
    assertThat(Scheduler.inOrder(view)).isSameAs(view);
    assertThat(queue.snapshot()).containsExactlyElementsOf(sorted);
    List<ReadyStep> walked = new ArrayList<>();
    Scheduler.inOrder(queue.inOrder()).forEach(walked::add);
    assertThat(walked).containsExactlyElementsOf(sorted);
    queue.remove(sorted.get(0));
    assertThat(queue.snapshot()).containsExactlyElementsOf(sorted.subList(1, 5));
  }

  @Test
  void aStepPassedOverOftenEnoughGoesFirstAndIsNotCountedFurther() {
    List<PlannedStep> steps = steps(2);
    ReadyQueue queue = new ReadyQueue();
    ReadyStep old = new ReadyStep(steps.get(1), 1, 1, 0, Set.of(), 1);
    ReadyStep young = new ReadyStep(steps.get(0), 1, 2, 0, Set.of(), 5); // longer critical path
    queue.add(old);
    queue.add(young);
    assertThat(queue.snapshot().get(0).id()).isEqualTo("s0");
    for (int i = 0; i < Scheduler.STARVATION_LIMIT + 3; i++) {
      queue.passedOver(2); // a step ready since dispatch 2 was placed: the older one waited
    }
    ReadyStep first = queue.snapshot().get(0);
    assertThat(first.id()).isEqualTo("s1");
    assertThat(first.passedOver()).isEqualTo(Scheduler.STARVATION_LIMIT);
    assertThat(queue.snapshot().get(1).passedOver()).isZero();
  }
}
