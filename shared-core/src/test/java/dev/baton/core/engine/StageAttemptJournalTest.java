package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.StepState;
import dev.baton.core.state.JournalEntry;
import dev.baton.core.state.JournalReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validate, benchmark or deploy step runs its commands one after another, each in a process group
 * of its own: the journal records every one of them with its attempt, so that a resumed run can
 * find and stop the command a killed Baton left running (the attempt itself has no process of its
 * own).
 */
class StageAttemptJournalTest {
  @TempDir Path dir;

  private static List<Long> groups(Path file) throws Exception {
    return Files.readAllLines(file).stream().map(l -> Long.parseLong(l.trim())).toList();
  }

  private static List<JournalEntry.AttemptProcess> laterProcesses(RunOutcome out, String step) {
    return JournalReader.read(out.reportDir()).stream()
        .filter(e -> e instanceof JournalEntry.AttemptProcess p && p.step().equals(step))
        .map(e -> (JournalEntry.AttemptProcess) e)
        .toList();
  }

  @Test
  void everyCommandOfABenchmarkIsJournalledWithItsProcessGroupBeforeTheAttemptEnds()
      throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: stage-journal
            steps:
              speed:
                benchmark:
                  run: cut -d' ' -f5 /proc/$$/stat >> groups.txt
                  warmup: 1
                  repeat: 2
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "speed").status()).isEqualTo(StepState.SUCCEEDED);
    List<Long> ran = groups(dir.resolve("groups.txt"));
    assertThat(ran).hasSize(3).doesNotHaveDuplicates().allMatch(g -> g > 0);
    List<JournalEntry.AttemptProcess> journalled = laterProcesses(out, "speed");
    assertThat(journalled).extracting(JournalEntry.AttemptProcess::processGroup).isEqualTo(ran);
    assertThat(journalled).allMatch(p -> p.attempt() == 1);
    // Each is in the journal before the attempt's end, which a resume reads as "nothing left".
    List<JournalEntry> entries = JournalReader.read(out.reportDir());
    int ended = -1;
    int lastProcess = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) instanceof JournalEntry.AttemptEnded) {
        ended = i;
      } else if (entries.get(i) instanceof JournalEntry.AttemptProcess) {
        lastProcess = i;
      }
    }
    assertThat(lastProcess).isLessThan(ended);
  }

  @Test
  void aValidateStepsCommandIsJournalledWithItsProcessGroup() throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: stage-journal
            steps:
              quality:
                validate:
                  run: >-
                    cut -d' ' -f5 /proc/$$/stat > group.txt &&
                    echo '{"accuracy": 0.9}' > metrics.json
                  metrics: metrics.json
                  gates:
                    - accuracy >= 0.5
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "quality").status()).isEqualTo(StepState.SUCCEEDED);
    assertThat(laterProcesses(out, "quality"))
        .extracting(JournalEntry.AttemptProcess::processGroup)
        .isEqualTo(groups(dir.resolve("group.txt")));
  }
}
