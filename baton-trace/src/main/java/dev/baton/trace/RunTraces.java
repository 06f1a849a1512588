package dev.baton.trace;

import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import java.util.Map;

/**
 * The run as an OpenTelemetry trace, when the environment names an OTLP endpoint.
 *
 * <p>This type names no OpenTelemetry class: {@link #fromEnvironment} loads the SDK only when
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is set, so a
 * run without them pays nothing for the exporter (not one of its classes is loaded).
 */
public interface RunTraces extends EventSink {

  /** Exports nothing. */
  RunTraces NONE =
      new RunTraces() {
        @Override
        public void accept(RunEvent event) {}

        @Override
        public void close() {}
      };

  /**
   * Sends what is still queued, waiting at most the exporter's timeout; never throws. A failed
   * export was already told as one warning.
   */
  void close();

  /**
   * The exporter {@code env} asks for, or {@link #NONE}.
   *
   * @param warnings gets at most one warning notice when the traces cannot be exported
   */
  static RunTraces fromEnvironment(Map<String, String> env, EventSink warnings) {
    if (!wanted(env)) {
      return NONE;
    }
    return OtlpRunTraces.start(env, warnings);
  }

  /** Whether {@code env} names an OTLP endpoint for traces and does not switch them off. */
  static boolean wanted(Map<String, String> env) {
    boolean endpoint =
        !env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").isBlank()
            || !env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").isBlank();
    boolean disabled =
        "true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").trim())
            || "none".equalsIgnoreCase(env.getOrDefault("OTEL_TRACES_EXPORTER", "").trim());
    return endpoint && !disabled;
  }
}
