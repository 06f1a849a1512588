package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The journal's hand-written JSON is the text Jackson's data binding writes for the same entry, so
 * journals read the same whichever wrote them.
 */
class JournalLinesTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123456Z");

  @Test
  void everyKindOfEntryIsWrittenAsTheDataBindingWritesIt() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("accuracy", 0.9);
    results.put("epochs", 3);
    results.put("name", "b\u00e9ta \"quoted\"\n");
    results.put("nested", Map.of("list", List.of(1, "two", true)));
    results.put("none", null);
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("model", "/tmp/m \u2713.bin");
    outputs.put("z", "");
    List<JournalEntry> entries =
        List.of(
            new JournalEntry.RunBegan(1, "run-1", "pipe\tline", "abc", T0),
            new JournalEntry.AttemptStarted("a", 2, "node-a", List.of(0, 3), 42, T0, "job 7", T0),
            new JournalEntry.AttemptStarted(
                "b[x=1,y=\"2\"]", 1, "local", List.of(), -1, null, "", T0),
            new JournalEntry.AttemptProcess("bench", 1, 4711, T0, "", T0),
            new JournalEntry.AttemptProcess("bench", 2, -1, null, "job 8", T0),
            new JournalEntry.AttemptEnded(
                "a",
                AttemptRecord.of(
                        1,
                        T0,
                        T0.plusSeconds(1),
                        137,
                        StepState.FAILED,
                        "local",
                        List.of(1),
                        "killed")
                    .withLeaseWait(250)
                    .withOutputs(outputs)),
            new JournalEntry.AttemptEnded(
                "c",
                AttemptRecord.of(1, T0, T0, null, StepState.CANCELLED, "", List.of(), "never ran")),
            new JournalEntry.StepEnded("a", StepState.SUCCEEDED, "", T0, T0.plusMillis(5), results),
            new JournalEntry.StepEnded(
                "d", StepState.SKIPPED, "needs failed", null, null, Map.of()),
            new JournalEntry.RunResumed(T0));

    for (JournalEntry e : entries) {
      assertThat(JournalLines.json(e)).isEqualTo(JournalJson.MAPPER.writeValueAsString(e));
    }
  }
}
