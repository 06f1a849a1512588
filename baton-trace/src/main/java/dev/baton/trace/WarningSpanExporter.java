package dev.baton.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** The OTLP exporter, telling its first failed batch as the run's one warning. */
final class WarningSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final OtlpRunTraces.OnceWarning warning;

  WarningSpanExporter(SpanExporter delegate, OtlpRunTraces.OnceWarning warning) {
    this.delegate = delegate;
    this.warning = warning;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    CompletableResultCode result = delegate.export(spans);
    result.whenComplete(
        () -> {
          if (!result.isSuccess()) {
            warning.tell(reason(result.getFailureThrowable()));
          }
        });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  /** The cause in a few words: the connection's failure, or that the endpoint said no. */
  static String reason(@Nullable Throwable failure) {
    Throwable cause = failure == null ? null : failure.getCause();
    if (cause == null) {
      return "the endpoint did not accept the spans";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : " (" + message + ")");
  }
}
