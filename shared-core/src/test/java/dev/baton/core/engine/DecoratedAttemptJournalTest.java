package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.StepState;
import dev.baton.core.state.JournalEntry;
import dev.baton.core.state.JournalReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attempt whose handle is decorated (the step cache judges it, usage is measured around it) is
 * journalled with the process group it really runs in, so that a resumed run can find and stop it
 * after Baton was killed.
 */
class DecoratedAttemptJournalTest {
  @TempDir Path dir;

  @Test
  void aCachedStepsAttemptIsJournalledWithItsOwnProcessGroup() throws Exception {
    Files.writeString(dir.resolve("data.txt"), "rows\n");
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: cached
            steps:
              train:
                run: cut -d' ' -f5 /proc/$$/stat > pgrp.txt && cp pgrp.txt model.bin
                cache: true
                inputs: [data.txt]
                outputs: [model.bin]
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "train").status()).isEqualTo(StepState.SUCCEEDED);
    long group = Long.parseLong(Files.readString(dir.resolve("pgrp.txt")).trim());
    assertThat(JournalReader.read(out.reportDir()))
        .filteredOn(e -> e instanceof JournalEntry.AttemptStarted)
        .singleElement()
        .extracting(e -> ((JournalEntry.AttemptStarted) e).processGroup())
        .isEqualTo(group);
  }
}
