package dev.baton.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code limits: enforce} with {@code memory: 100MB} on a step that holds 500 MB: where this
 * machine gives Baton a cgroup v2 with the memory controller, the step ends as out of memory; where
 * it does not, the run says once that the limits are advisory here and the step runs as before.
 */
class LimitsRunTest {
  @TempDir Path dir;

  @Test
  void aStepOverItsEnforcedMemoryEndsOutOfMemoryOrTheRunSaysLimitsAreAdvisoryHere()
      throws Exception {
    Path descriptor = dir.resolve("baton.yaml");
    Files.writeString(
        descriptor,
        """
        version: 1
        name: limits
        limits: enforce
        steps:
          hog:
            agent: {memory: 100MB}
            # tail keeps the whole newline-free input in memory: 500 MB
            run: head -c 500000000 /dev/zero | tail -c 1 | wc -c
          small:
            agent: {memory: 100MB}
            run: 'true'
        """);
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    RunOutcome outcome =
        new Baton(events::add)
            .run(BatonConfig.builder(descriptor).reportDir(dir.resolve("report")).build());

    StepRecord hog =
        outcome.record().steps().stream()
            .filter(s -> s.id().equals("hog"))
            .findFirst()
            .orElseThrow();
    List<String> warnings =
        events.stream()
            .filter(e -> e instanceof RunEvent.Notice n && n.level() == RunEvent.Level.WARNING)
            .map(e -> ((RunEvent.Notice) e).message())
            .toList();
    CgroupV2.Probe probe = CgroupV2.probe();
    if (probe.available().isPresent()) {
      assertThat(hog.status()).isEqualTo(StepState.FAILED);
      assertThat(hog.message()).startsWith("out of memory").doesNotContain("137");
      assertThat(hog.results()).containsEntry("oom", true);
      assertThat(warnings).isEmpty();
    } else {
      assertThat(warnings)
          .singleElement()
          .asString()
          .contains("limits: enforce cannot hold here, so memory and cpus stay advisory")
          .contains(probe.why());
      assertThat(hog.status()).isEqualTo(StepState.SUCCEEDED);
    }
  }
}
