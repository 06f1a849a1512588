package dev.baton.trace;

import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.BatonBuild;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry SDK, configured from the {@code OTEL_*} environment as its autoconfiguration
 * reads it (endpoint, headers, timeout, compression, certificates, service name, resource
 * attributes, sampler, batch sizes), exporting over OTLP http/protobuf with the JDK's HttpClient.
 *
 * <p>The spans are made when the run has ended, from its record, with the record's times; the batch
 * processor sends them on its own thread. {@link #close()} waits for them at most the exporter's
 * timeout. A failure is one warning, never a failed run.
 */
final class OtlpRunTraces implements RunTraces {
  // JUL holds loggers weakly: this reference keeps the level set below for the whole run.
  private static final Logger SDK_LOGS = Logger.getLogger("io.opentelemetry");

  private final CompletableFuture<OpenTelemetrySdk> sdk;
  private final OnceWarning warning;
  private final Map<String, String> env;
  private final Map<String, String> waitReasons = new ConcurrentHashMap<>();
  private volatile Duration timeout = Duration.ofSeconds(10);

  private OtlpRunTraces(Map<String, String> env, OnceWarning warning) {
    this.env = env;
    this.warning = warning;
    // Built beside the run (about 1,500 classes to load), not before it: the spans are made only
    // when it has ended.
    this.sdk = new CompletableFuture<>();
    Thread init =
        new Thread(
            () -> {
              try {
                sdk.complete(build(env));
              } catch (RuntimeException | LinkageError e) {
                sdk.completeExceptionally(e);
              }
            },
            "baton-otel-init");
    init.setDaemon(true);
    init.start();
  }

  private OpenTelemetrySdk build(Map<String, String> env) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesCustomizer(config -> properties(env))
        .addResourceCustomizer(
            (resource, config) ->
                resource.merge(
                    Resource.create(
                        Attributes.of(
                            AttributeKey.stringKey("service.version"),
                            BatonBuild.current().version()))))
        .addSpanExporterCustomizer(
            (exporter, config) -> {
              timeout =
                  config.getDuration(
                      "otel.exporter.otlp.traces.timeout",
                      config.getDuration("otel.exporter.otlp.timeout", Duration.ofSeconds(10)));
              return new WarningSpanExporter(exporter, warning);
            })
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  /** Never throws: a configuration the SDK refuses is one warning and no traces. */
  static RunTraces start(Map<String, String> env, EventSink warnings) {
    SDK_LOGS.setLevel(Level.OFF); // its failures reach the console as our one warning
    return new OtlpRunTraces(Map.copyOf(env), new OnceWarning(endpoint(env), warnings));
  }

  @Override
  public void accept(RunEvent event) {
    if (event instanceof RunEvent.StepWaiting w) {
      waitReasons.put(w.stepId(), w.reason());
    } else if (event instanceof RunEvent.RunFinished f) {
      OpenTelemetrySdk ready = sdk();
      if (ready == null) {
        return;
      }
      try {
        new RunSpans(ready.getTracer("dev.baton", BatonBuild.current().version()), waitReasons)
            .export(f.record(), TraceParent.context(env));
      } catch (RuntimeException e) {
        warning.tell("the spans could not be made (" + e + ")");
      }
    }
  }

  @Override
  public void close() {
    OpenTelemetrySdk ready = sdk();
    if (ready == null) {
      return;
    }
    CompletableResultCode done = ready.shutdown();
    // a little over the exporter's own timeout, so that its failure (not ours) is the one told
    done.join(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    if (!done.isDone()) {
      warning.tell("no answer within " + timeout.toMillis() + " ms");
    }
  }

  /** The SDK once built; null (and the one warning) when the settings are not usable. */
  private @Nullable OpenTelemetrySdk sdk() {
    try {
      return sdk.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      warning.tell("the OpenTelemetry settings are not usable (" + cause.getMessage() + ")");
      return null;
    }
  }

  /** The SDK's properties: the {@code OTEL_*} variables of {@code env}, over Baton's defaults. */
  static Map<String, String> properties(Map<String, String> env) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("otel.service.name", "baton");
    // The specification's default; the JDK sender speaks no gRPC.
    p.put("otel.exporter.otlp.protocol", "http/protobuf");
    // Every span of a run is queued at its end: room for large runs (the default is 2048).
    p.put("otel.bsp.max.queue.size", "65536");
    env.forEach(
        (name, value) -> {
          if (name.startsWith("OTEL_")) {
            p.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    p.put("otel.traces.exporter", "otlp");
    p.put("otel.metrics.exporter", "none");
    p.put("otel.logs.exporter", "none");
    return p;
  }

  /** Where the spans go, for messages: the traces endpoint, or the endpoint's /v1/traces. */
  static String endpoint(Map<String, String> env) {
    String traces = env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").trim();
    if (!traces.isEmpty()) {
      return traces;
    }
    String base = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").trim();
    return (base.endsWith("/") ? base : base + "/") + "v1/traces";
  }

  /** One warning for the whole run, however many batches fail. */
  static final class OnceWarning {
    private final String endpoint;
    private final EventSink sink;
    private boolean told;

    OnceWarning(String endpoint, EventSink sink) {
      this.endpoint = endpoint;
      this.sink = sink;
    }

    synchronized void tell(@Nullable String why) {
      if (told) {
        return;
      }
      told = true;
      sink.accept(
          new RunEvent.Notice(
              RunEvent.Level.WARNING,
              "the run's trace was not exported to "
                  + endpoint
                  + ": "
                  + why
                  + "; the run itself is not affected (check OTEL_EXPORTER_OTLP_ENDPOINT)"));
    }
  }
}
