package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.events.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step that spans several nodes cannot run on one machine: refused before anything runs. */
class MultiNodeLocalRunTest {
  @TempDir Path workspace;

  @Test
  void aMultiNodeStepIsRefusedLocallyWithItsPositionAndNothingRuns() throws Exception {
    Path file = workspace.resolve("baton.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: dist
        steps:
          prepare: {run: touch prepared}
          train:
            needs: [prepare]
            agent: {nodes: 2, tasksPerNode: 4}
            run: srun hostname
        """);
    List<RunEvent> events = new ArrayList<>();

    assertThatThrownBy(() -> new Baton(events::add).run(BatonConfig.of(file)))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("baton.yaml:5")
        .hasMessageContaining("step train asks for 2 nodes with 4 tasks each")
        .hasMessageContaining("executor: slurm")
        .hasMessageNotContaining("--");
    assertThat(workspace.resolve("prepared")).doesNotExist();
    assertThat(events).noneMatch(e -> e instanceof RunEvent.StepStarted);
  }
}
