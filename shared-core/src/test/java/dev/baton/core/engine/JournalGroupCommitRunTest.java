package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.StepState;
import dev.baton.core.state.JournalEntry;
import dev.baton.core.state.JournalReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine writes the journal entries of one turn together (issue 17), and still before any step
 * starts: a step's dependants never run while its end is missing from the journal, so a Baton
 * killed while they run is resumed without running the step again.
 */
class JournalGroupCommitRunTest {
  @TempDir Path dir;

  @Test
  void aStepsEndIsInTheJournalBeforeTheStepThatNeedsItStarts() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: ordered
            steps:
              first: {run: 'true'}
              second:
                needs: first
                run: grep -q '"type":"step-ended","step":"first","status":"SUCCEEDED"' "$BATON_REPORT_DIR/journal.jsonl"
            """);
    RunOutcome out = f.run();

    assertThat(PipelineFixture.step(out, "second").status()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void everyStateChangeOfTheRunIsJournalledInOrderWhenItEnds() {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: chain
            steps:
              a: {run: 'true'}
              b: {needs: a, run: 'true'}
              c: {needs: b, run: 'exit 3'}
            """);
    RunOutcome out = f.run();

    assertThat(JournalReader.read(out.reportDir()))
        .extracting(e -> e.getClass().getSimpleName() + " " + stepOf(e))
        .containsExactly(
            "RunBegan -",
            "AttemptStarted a",
            "AttemptEnded a",
            "StepEnded a",
            "AttemptStarted b",
            "AttemptEnded b",
            "StepEnded b",
            "AttemptStarted c",
            "AttemptEnded c",
            "StepEnded c");
  }

  private static String stepOf(JournalEntry e) {
    if (e instanceof JournalEntry.AttemptStarted s) {
      return s.step();
    }
    if (e instanceof JournalEntry.AttemptEnded s) {
      return s.step();
    }
    return e instanceof JournalEntry.StepEnded s ? s.step() : "-";
  }
}
