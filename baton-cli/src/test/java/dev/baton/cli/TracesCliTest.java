package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.events.RunEvent;
import dev.baton.core.testing.JavaProcess;
import dev.baton.trace.OtlpReceiver;
import dev.baton.trace.RunTraces;
import dev.baton.trace.TracedPipeline;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baton command exports its run as a trace only where the environment asks for one. */
class TracesCliTest {
  @TempDir Path dir;

  private final List<RunEvent> warnings = new CopyOnWriteArrayList<>();

  @Test
  void withoutAnEndpointNothingIsExportedAndNoOpenTelemetryClassIsLoaded() throws Exception {
    Path descriptor = TracedPipeline.write(dir);
    JavaProcess.Result result =
        JavaProcess.run(
            dir,
            withJvmOption(
                "-verbose:class",
                JavaProcess.java(BatonCli.class, "run", descriptor.toString(), "--quiet-output")));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("dev.baton.cli.RunOptions")
        .doesNotContain("io.opentelemetry");
    assertThat(RunTraces.fromEnvironment(Map.of(), warnings::add)).isSameAs(RunTraces.NONE);
  }

  @Test
  void theCommandLineExportsUnderTraceparentAndADeadEndpointIsOneWarning() throws Exception {
    Path descriptor = TracedPipeline.write(dir);
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      JavaProcess.Result ok =
          cli(
              descriptor,
              "OTEL_EXPORTER_OTLP_ENDPOINT=" + receiver.endpoint(),
              "TRACEPARENT=" + TracedPipeline.TRACEPARENT);
      assertThat(ok.exitCode()).as(ok.output()).isZero();
      assertThat(ok.output()).doesNotContain("warning");
      Span run = TracedPipeline.only(receiver.spans(), "RUN traced");
      assertThat(TracedPipeline.hex(run.getTraceId().toByteArray()))
          .isEqualTo(TracedPipeline.TRACE_ID);
      assertThat(TracedPipeline.hex(run.getParentSpanId().toByteArray()))
          .isEqualTo(TracedPipeline.CI_SPAN_ID);
    }
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort(); // closed again: nothing listens there
    }
    JavaProcess.Result refused =
        cli(
            descriptor,
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:" + dead + "/v1/traces",
            "OTEL_EXPORTER_OTLP_TIMEOUT=1000");
    assertThat(refused.exitCode()).as(refused.output()).isZero();
    assertThat(refused.output().lines().filter(l -> l.contains("warning")).toList())
        .singleElement()
        .asString()
        .contains("baton: warning: the run's trace was not exported to http://127.0.0.1:" + dead);
  }

  private JavaProcess.Result cli(Path descriptor, String... env)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("env"));
    command.addAll(List.of(env));
    command.addAll(
        JavaProcess.java(BatonCli.class, "run", descriptor.toString(), "--quiet-output"));
    return JavaProcess.run(dir, command);
  }

  private static List<String> withJvmOption(String option, List<String> java) {
    List<String> command = new ArrayList<>(java);
    command.add(1, option);
    return command;
  }
}
