package dev.baton.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunStatus;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run as an OpenTelemetry trace, received by an OTLP/HTTP server on localhost that decodes the
 * protobuf with the OpenTelemetry proto classes.
 */
class OtlpTraceExportTest {
  @TempDir Path dir;

  private final List<RunEvent> warnings = new CopyOnWriteArrayList<>();

  @Test
  void aRunIsOneTraceOfRunStepAndAttemptSpansUnderTheCiTraceparent() throws Exception {
    Path descriptor = TracedPipeline.write(dir);
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      RunTraces traces =
          RunTraces.fromEnvironment(
              Map.of(
                  "OTEL_EXPORTER_OTLP_ENDPOINT",
                  receiver.endpoint(),
                  "OTEL_EXPORTER_OTLP_HEADERS",
                  "Authorization=Bearer%20t0k",
                  "TRACEPARENT",
                  TracedPipeline.TRACEPARENT),
              warnings::add);
      RunOutcome outcome = run(descriptor, traces);
      traces.close();

      assertThat(outcome.record().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(warnings).isEmpty();
      assertThat(receiver.authorizations).isNotEmpty().allMatch("Bearer t0k"::equals);
      List<Span> spans = receiver.spans();
      assertThat(
              spans.stream().map(s -> TracedPipeline.hex(s.getTraceId().toByteArray())).distinct())
          .containsExactly(TracedPipeline.TRACE_ID);

      Span run = TracedPipeline.only(spans, "RUN traced");
      assertThat(TracedPipeline.hex(run.getParentSpanId().toByteArray()))
          .isEqualTo(TracedPipeline.CI_SPAN_ID);
      assertThat(run.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
      assertThat(TracedPipeline.attributes(run))
          .containsEntry("cicd.pipeline.name", "traced")
          .containsEntry("cicd.pipeline.run.id", outcome.record().runId())
          .containsEntry("cicd.pipeline.result", "success");

      Span prep = TracedPipeline.only(spans, "prep");
      Span train = TracedPipeline.only(spans, "train");
      assertThat(List.of(prep, train)).allMatch(s -> s.getParentSpanId().equals(run.getSpanId()));
      assertThat(TracedPipeline.attributes(train))
          .containsEntry("cicd.pipeline.task.name", "train")
          .containsEntry("cicd.pipeline.task.run.result", "success");

      Span first = TracedPipeline.only(spans, "train #1");
      Span second = TracedPipeline.only(spans, "train #2");
      assertThat(List.of(first, second))
          .allMatch(s -> s.getParentSpanId().equals(train.getSpanId()));
      assertThat(TracedPipeline.attributes(first))
          .containsEntry("cicd.pipeline.task.run.result", "failure")
          .containsEntry("baton.exit_code", "3")
          .containsEntry("baton.attempt", "1")
          .containsKey("cicd.worker.name");
      assertThat(TracedPipeline.attributes(second))
          .containsEntry("cicd.pipeline.task.run.result", "success");
      assertThat(TracedPipeline.only(spans, "prep #1").getParentSpanId())
          .isEqualTo(prep.getSpanId());
      assertThat(first.getStartTimeUnixNano()).isGreaterThanOrEqualTo(train.getStartTimeUnixNano());
      assertThat(second.getEndTimeUnixNano()).isLessThanOrEqualTo(run.getEndTimeUnixNano());
      assertThat(spans).hasSize(6);
    }
  }

  @Test
  void anEndpointThatNeverAnswersCostsAtMostItsTimeoutAndOneWarning() throws Exception {
    Path descriptor = TracedPipeline.write(dir);
    try (ServerSocket blackHole = new ServerSocket(0)) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread accepting =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(blackHole.accept()); // and never answer
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      accepting.setDaemon(true);
      accepting.start();
      RunTraces traces =
          RunTraces.fromEnvironment(
              Map.of(
                  "OTEL_EXPORTER_OTLP_ENDPOINT",
                  "http://127.0.0.1:" + blackHole.getLocalPort(),
                  "OTEL_EXPORTER_OTLP_TIMEOUT",
                  "1000"),
              warnings::add);
      RunOutcome outcome = run(descriptor, traces);
      long before = System.nanoTime();
      traces.close();
      long closeMillis = (System.nanoTime() - before) / 1_000_000;

      assertThat(outcome.record().status()).isEqualTo(RunStatus.SUCCEEDED);
      // the timeout (1 s) and the half second close() allows over it, with room for a busy machine
      assertThat(closeMillis).isLessThan(3_000);
      assertThat(warnings).hasSize(1);
      assertThat(((RunEvent.Notice) warnings.get(0)).message())
          .contains("trace was not exported to http://127.0.0.1:" + blackHole.getLocalPort())
          .contains("the run itself is not affected");
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void settingsTheExporterCannotUseAreOneWarningAndTheRunGoesOn() throws Exception {
    RunTraces traces =
        RunTraces.fromEnvironment(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            warnings::add);
    RunOutcome outcome = run(TracedPipeline.write(dir), traces);
    traces.close();

    assertThat(outcome.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(warnings).hasSize(1);
    assertThat(((RunEvent.Notice) warnings.get(0)).message())
        .contains("the OpenTelemetry settings are not usable");
  }

  private RunOutcome run(Path descriptor, RunTraces traces) {
    BatonConfig config = BatonConfig.builder(descriptor).reportDir(dir.resolve("report")).build();
    return new Baton(traces).run(config);
  }
}
