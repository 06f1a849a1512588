package dev.baton.core.state;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.core.io.MillisInstantModule;
import dev.baton.core.record.AttemptRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link JournalEntry} as the JSON {@link JournalJson#MAPPER} writes, field by field on a
 * streaming generator: the engine writes three entries per step, and Jackson's data binding (its
 * serializers found by reflection, then record accessors called through it) was most of the
 * engine's own time per step (issue 17). Only a step's results, which may hold any JSON value, go
 * through the mapper. {@code JournalLinesTest} checks the two write the same text.
 */
final class JournalLines {
  private JournalLines() {}

  static String json(JournalEntry entry) throws IOException {
    StringWriter out = new StringWriter(192);
    try (JsonGenerator g = JournalJson.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      if (entry instanceof JournalEntry.RunBegan e) {
        g.writeStringField("type", "run");
        g.writeNumberField("format", e.format());
        g.writeStringField("runId", e.runId());
        g.writeStringField("pipeline", e.pipeline());
        g.writeStringField("planDigest", e.planDigest());
        instant(g, "at", e.at());
      } else if (entry instanceof JournalEntry.AttemptStarted e) {
        g.writeStringField("type", "attempt-started");
        g.writeStringField("step", e.step());
        g.writeNumberField("attempt", e.attempt());
        g.writeStringField("agent", e.agent());
        ints(g, "gpus", e.gpus());
        g.writeNumberField("processGroup", e.processGroup());
        instant(g, "processStart", e.processStart());
        g.writeStringField("jobId", e.jobId());
        instant(g, "at", e.at());
      } else if (entry instanceof JournalEntry.AttemptProcess e) {
        g.writeStringField("type", "attempt-process");
        g.writeStringField("step", e.step());
        g.writeNumberField("attempt", e.attempt());
        g.writeNumberField("processGroup", e.processGroup());
        instant(g, "processStart", e.processStart());
        g.writeStringField("jobId", e.jobId());
        instant(g, "at", e.at());
      } else if (entry instanceof JournalEntry.AttemptEnded e) {
        g.writeStringField("type", "attempt-ended");
        g.writeStringField("step", e.step());
        g.writeFieldName("record");
        attempt(g, e.record());
      } else if (entry instanceof JournalEntry.StepEnded e) {
        g.writeStringField("type", "step-ended");
        g.writeStringField("step", e.step());
        g.writeStringField("status", e.status().name());
        g.writeStringField("message", e.message());
        instant(g, "firstStart", e.firstStart());
        instant(g, "end", e.end());
        g.writeFieldName("results");
        if (e.results().isEmpty()) {
          g.writeStartObject();
          g.writeEndObject();
        } else {
          g.writeObject(e.results());
        }
      } else if (entry instanceof JournalEntry.RunResumed e) {
        g.writeStringField("type", "resumed");
        instant(g, "at", e.at());
      } else {
        return JournalJson.MAPPER.writeValueAsString(entry);
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  private static void attempt(JsonGenerator g, AttemptRecord r) throws IOException {
    g.writeStartObject();
    g.writeNumberField("attempt", r.attempt());
    instant(g, "startedAt", r.startedAt());
    instant(g, "endedAt", r.endedAt());
    g.writeFieldName("exitCode");
    if (r.exitCode() == null) {
      g.writeNull();
    } else {
      g.writeNumber(r.exitCode());
    }
    g.writeStringField("status", r.status().name());
    g.writeStringField("agent", r.agent());
    ints(g, "gpus", r.gpus());
    g.writeStringField("message", r.message());
    g.writeNumberField("leaseWaitMillis", r.leaseWaitMillis());
    g.writeObjectFieldStart("outputs");
    for (Map.Entry<String, String> o : r.outputs().entrySet()) {
      g.writeStringField(o.getKey(), o.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void ints(JsonGenerator g, String name, List<Integer> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (Integer v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private static void instant(JsonGenerator g, String name, @Nullable Instant at)
      throws IOException {
    if (at == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, MillisInstantModule.format(at));
    }
  }
}
