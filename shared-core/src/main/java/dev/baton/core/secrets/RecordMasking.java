package dev.baton.core.secrets;

import dev.baton.core.report.AttemptRecord;
import dev.baton.core.report.RunRecord;
import dev.baton.core.report.StepRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks the free text of a run record (messages, log tails, commands, parameters, stage results)
 * before any report is written from it. Masking the record rather than each file's bytes also
 * catches a secret that JSON, XML or HTML escaping would have changed.
 */
public final class RecordMasking {
  private RecordMasking() {}

  public static RunRecord mask(RunRecord r, Masker m) {
    if (m.isEmpty()) {
      return r;
    }
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord s : r.steps()) {
      steps.add(mask(s, m));
    }
    return new RunRecord(
        r.schemaVersion(),
        r.runId(),
        m.mask(r.pipeline()),
        r.status(),
        r.startedAt(),
        r.endedAt(),
        r.descriptor(),
        r.executor(),
        strings(r.params(), m),
        r.agents(),
        steps);
  }

  private static StepRecord mask(StepRecord s, Masker m) {
    List<AttemptRecord> attempts = new ArrayList<>();
    for (AttemptRecord a : s.attempts()) {
      attempts.add(
          new AttemptRecord(
              a.attempt(),
              a.startedAt(),
              a.endedAt(),
              a.exitCode(),
              a.status(),
              a.agent(),
              a.gpus(),
              m.mask(a.message())));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> results = (Map<String, Object>) deep(s.results(), m);
    return new StepRecord(
        s.id(),
        s.step(),
        s.kind(),
        s.status(),
        strings(s.matrix(), m),
        s.needs(),
        m.mask(s.command()),
        s.agent(),
        s.gpus(),
        s.startedAt(),
        s.endedAt(),
        attempts,
        s.log(),
        m.mask(s.message()),
        s.logTail().stream().map(m::mask).toList(),
        results);
  }

  private static Map<String, String> strings(Map<String, String> map, Masker m) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, m.mask(v)));
    return out;
  }

  /** Strings inside maps and lists, at any depth; other values as they are. */
  private static Object deep(Object value, Masker m) {
    if (value instanceof String text) {
      return m.mask(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, deep(v, m)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(deep(v, m)));
      return out;
    }
    return value;
  }
}
