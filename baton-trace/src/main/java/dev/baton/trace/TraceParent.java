package dev.baton.trace;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The trace a CI started for this process, from the {@code TRACEPARENT} (and {@code TRACESTATE})
 * environment variables, as Jenkins' OpenTelemetry plugin and other CIs pass it; the root context
 * when there is none or it is malformed (the run then starts a trace of its own).
 */
final class TraceParent {
  private TraceParent() {}

  static Context context(Map<String, String> env) {
    Map<String, String> carrier = new HashMap<>();
    String parent = env.get("TRACEPARENT");
    if (parent == null || parent.isBlank()) {
      return Context.root();
    }
    carrier.put("traceparent", parent.trim());
    String state = env.get("TRACESTATE");
    if (state != null && !state.isBlank()) {
      carrier.put("tracestate", state.trim());
    }
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER);
  }

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };
}
