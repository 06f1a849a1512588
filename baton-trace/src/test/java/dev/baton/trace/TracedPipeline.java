package dev.baton.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The pipeline the trace tests run, and how they read the spans an {@link OtlpReceiver} got. */
public final class TracedPipeline {
  public static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  public static final String CI_SPAN_ID = "b7ad6b7169203331";

  /** W3C trace context of a CI's span, as Jenkins' OpenTelemetry plugin passes it. */
  public static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CI_SPAN_ID + "-01";

  private TracedPipeline() {}

  /** prep, then train, whose first attempt fails (exit 3) and whose retry succeeds. */
  public static Path write(Path dir) throws IOException {
    Path marker = dir.resolve("failed-once");
    Path descriptor = dir.resolve("baton.yaml");
    Files.writeString(
        descriptor,
        """
        version: 1
        name: traced
        steps:
          prep: {run: 'true'}
          train:
            needs: [prep]
            retry: {limit: 1, backoff: {duration: 10ms}}
            run: 'test -f %s || { touch %s; exit 3; }'
        """
            .formatted(marker, marker));
    return descriptor;
  }

  /** The one span named {@code name}. */
  public static Span only(List<Span> spans, String name) {
    List<Span> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named)
        .as("spans named %s among %s", name, spans.stream().map(Span::getName).toList())
        .hasSize(1);
    return named.get(0);
  }

  /** Each attribute's value as text, whatever its type. */
  public static Map<String, String> attributes(Span span) {
    return span.getAttributesList().stream()
        .collect(
            Collectors.toMap(
                KeyValue::getKey,
                kv ->
                    switch (kv.getValue().getValueCase()) {
                      case STRING_VALUE -> kv.getValue().getStringValue();
                      case INT_VALUE -> String.valueOf(kv.getValue().getIntValue());
                      case BOOL_VALUE -> String.valueOf(kv.getValue().getBoolValue());
                      case DOUBLE_VALUE -> String.valueOf(kv.getValue().getDoubleValue());
                      default -> kv.getValue().toString();
                    }));
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
