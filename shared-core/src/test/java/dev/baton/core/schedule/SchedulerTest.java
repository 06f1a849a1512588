package dev.baton.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.CacheSpec;
import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.ConcurrencySpec;
import dev.baton.core.descriptor.MatrixSpec;
import dev.baton.core.descriptor.RetryPolicy;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.plan.PlannedStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final SourcePosition AT = new SourcePosition("baton.yaml", 1, 1);

  static Agent agent(String name, int gpus, int executors, String... labels) {
    List<Gpu> g =
        IntStream.range(0, gpus).mapToObj(i -> new Gpu(i, "A100", 81920, "", true)).toList();
    Set<String> l = new HashSet<>(List.of(labels));
    l.add(name);
    return new Agent(name, l, executors, 0, OptionalLong.empty(), g);
  }

  static PlannedStep step(String id, int gpus, int priority, Optional<ConcurrencySpec> group) {
    AgentRequest req =
        new AgentRequest(
            gpus > 0 ? "gpu" : "", gpus, OptionalLong.empty(), "", 0, OptionalLong.empty());
    StepSpec spec =
        new StepSpec(
            id,
            AT,
            StepKind.RUN,
            new Command.Shell("true"),
            AT,
            List.of(),
            MatrixSpec.NONE,
            "",
            AT,
            Optional.empty(),
            RetryPolicy.NONE,
            Map.of(),
            "",
            false,
            req,
            priority,
            group,
            Optional.empty(),
            List.of(),
            CacheSpec.NONE,
            List.of(),
            Optional.empty(),
            List.of());
    return new PlannedStep(
        id,
        spec,
        Map.of(),
        spec.run(),
        List.of(),
        Map.of(),
        Path.of("."),
        Optional.empty(),
        RetryPolicy.NONE,
        req,
        group,
        "");
  }

  private long seq;

  ReadyStep ready(PlannedStep s) {
    return new ReadyStep(s, 1, seq++, 0, Set.of(), 1);
  }

  @Test
  void aRetryAvoidingItsGpuTakesAnotherFreeOneOfTheSameAgent() {
    Scheduler scheduler = new Scheduler(List.of(agent("a", 2, 4, "gpu")));
    PlannedStep s = step("flaky", 1, 0, Optional.empty());
    ReadyStep retry = new ReadyStep(s, 2, seq++, 0, Set.of(), 1, Map.of("a", Set.of(0)));

    assertThat(scheduler.decide(List.of(retry), new Usage()))
        .singleElement()
        .satisfies(p -> assertThat(p.gpus()).containsExactly(1));
  }

  @Test
  void aRetryAvoidingItsGpuReusesItWhenNoOtherIsFreeRatherThanWait() {
    Scheduler scheduler = new Scheduler(List.of(agent("a", 2, 4, "gpu")));
    PlannedStep s = step("flaky", 1, 0, Optional.empty());
    Usage usage = new Usage();
    usage.take("a", List.of(1), s.agent(), Optional.empty());
    ReadyStep retry = new ReadyStep(s, 2, seq++, 0, Set.of(), 1, Map.of("a", Set.of(0)));

    assertThat(scheduler.decide(List.of(retry), usage))
        .singleElement()
        .satisfies(p -> assertThat(p.gpus()).containsExactly(0));
  }

  @Test
  void aRetryAvoidingItsGpuPrefersAFreshGpuOnAnotherAgentToReusingIt() {
    Scheduler scheduler = new Scheduler(List.of(agent("a", 2, 4, "gpu"), agent("b", 1, 4, "gpu")));
    PlannedStep s = step("flaky", 1, 0, Optional.empty());
    Usage usage = new Usage();
    usage.take("a", List.of(1), s.agent(), Optional.empty());
    ReadyStep retry = new ReadyStep(s, 2, seq++, 0, Set.of(), 1, Map.of("a", Set.of(0)));

    assertThat(scheduler.decide(List.of(retry), usage))
        .singleElement()
        .satisfies(p -> assertThat(p.agent() + ":" + p.gpus()).isEqualTo("b:[0]"));
  }

  @Test
  void neverGivesOneGpuToTwoSteps() {
    Scheduler scheduler = new Scheduler(List.of(agent("a", 4, 8, "gpu"), agent("b", 4, 8, "gpu")));
    List<ReadyStep> queue = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      queue.add(ready(step("s" + i, 1 + i % 3, 0, Optional.empty())));
    }
    List<Placement> placed = scheduler.decide(queue, new Usage());
    Set<String> held = new HashSet<>();
    for (Placement p : placed) {
      assertThat(p.gpus()).hasSize(p.ready().step().agent().gpus());
      for (int g : p.gpus()) {
        assertThat(held.add(p.agent() + ":" + g))
            .as("GPU %s:%s given twice", p.agent(), g)
            .isTrue();
      }
    }
    assertThat(held).hasSize(8);
  }

  @Test
  void packsTheLargestRequestsFirstOntoBestFittingAgents() {
    Scheduler scheduler = new Scheduler(List.of(agent("a", 4, 8, "gpu"), agent("b", 4, 8, "gpu")));
    List<Placement> placed =
        scheduler.decide(
            List.of(
                ready(step("one", 1, 0, Optional.empty())),
                ready(step("four", 4, 0, Optional.empty())),
                ready(step("two", 2, 0, Optional.empty()))),
            new Usage());
    assertThat(placed).extracting(p -> p.ready().id()).containsExactly("four", "two", "one");
    assertThat(placed.get(1).agent()).isEqualTo(placed.get(2).agent());
  }

  @Test
  void largeRequestIsNotStarvedByAStreamOfSmallOnes() {
    Scheduler scheduler = new Scheduler(List.of(agent("a", 4, 8, "gpu")));
    Usage usage = new Usage();
    // Four 1-GPU steps run; a 4-GPU step waits; more 1-GPU steps keep arriving with higher
    // priority.
    List<PlannedStep> running = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      PlannedStep s = step("early" + i, 1, 5, Optional.empty());
      usage.take("a", List.of(i), s.agent(), Optional.empty());
      running.add(s);
    }
    ReadyStep big = ready(step("big", 4, 0, Optional.empty()));
    List<ReadyStep> queue = new ArrayList<>(List.of(big));
    int rounds = 0;
    boolean bigStarted = false;
    int next = 0;
    while (rounds++ < 50 && !bigStarted) {
      // One running step ends; a new higher-priority small step arrives.
      PlannedStep done = running.remove(0);
      usage.release(
          "a", List.of(usage.gpusBusy("a").iterator().next()), done.agent(), Optional.empty());
      queue.add(ready(step("small" + next++, 1, 5, Optional.empty())));
      List<Placement> placed = scheduler.decide(queue, usage);
      long newest = Long.MIN_VALUE;
      for (Placement p : placed) {
        usage.take(p.agent(), p.gpus(), p.ready().step().agent(), Optional.empty());
        queue.remove(p.ready());
        newest = Math.max(newest, p.ready().readySeq());
        if (p.ready().id().equals("big")) {
          bigStarted = true;
          running.add(p.ready().step());
        } else {
          running.add(p.ready().step());
        }
      }
      for (int i = 0; i < queue.size(); i++) {
        if (queue.get(i).readySeq() < newest) {
          queue.set(i, queue.get(i).passedOverOnceMore());
        }
      }
    }
    assertThat(bigStarted).as("the 4-GPU step started").isTrue();
    assertThat(rounds).isLessThanOrEqualTo(Scheduler.STARVATION_LIMIT + 5);
  }

  @Test
  void concurrencyGroupIsACountedSemaphore() {
    Scheduler scheduler = new Scheduler(List.of(agent("a", 0, 8)));
    Optional<ConcurrencySpec> licence = Optional.of(new ConcurrencySpec("licence", 2));
    List<ReadyStep> queue = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queue.add(ready(step("s" + i, 0, 0, licence)));
    }
    assertThat(scheduler.decide(queue, new Usage())).hasSize(2);
  }

  @Test
  void respectsExecutorsAndLabels() {
    Scheduler scheduler =
        new Scheduler(List.of(agent("cpu", 0, 1, "linux"), agent("gpu-box", 2, 1, "gpu")));
    List<Placement> placed =
        scheduler.decide(
            List.of(
                ready(step("g1", 1, 0, Optional.empty())),
                ready(step("g2", 1, 0, Optional.empty())),
                ready(step("c1", 0, 0, Optional.empty()))),
            new Usage());
    assertThat(placed).extracting(Placement::agent).containsExactlyInAnyOrder("gpu-box", "cpu");
  }

  @Test
  void isDeterministic() {
    Scheduler scheduler = new Scheduler(List.of(agent("a", 4, 4, "gpu"), agent("b", 4, 4, "gpu")));
    List<ReadyStep> queue = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      queue.add(ready(step("s" + i, 1 + i % 3, i % 2, Optional.empty())));
    }
    assertThat(scheduler.decide(queue, new Usage()))
        .isEqualTo(scheduler.decide(new ArrayList<>(queue), new Usage()));
  }
}
