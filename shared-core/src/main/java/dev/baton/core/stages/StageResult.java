package dev.baton.core.stages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a stage judged its step: pass or fail, why, and what it measured (the step's {@code results}
 * in run.json).
 */
record StageResult(boolean passed, String message, Map<String, Object> results) {

  StageResult {
    Map<String, Object> copy = new LinkedHashMap<>(results);
    copy.put("passed", passed);
    copy.put("message", message);
    results = Collections.unmodifiableMap(copy);
  }

  static StageResult failed(String message, Map<String, Object> results) {
    return new StageResult(false, message, results);
  }
}
