package dev.baton.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.trace.OtlpReceiver;
import dev.baton.trace.RunTraces;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** baton:run exports the run as a trace where the build's environment names an OTLP endpoint. */
class RunMojoTracesTest {
  @TempDir Path dir;
  private final RecordingLog log = new RecordingLog();

  @Test
  void aRunGoalExportsItsRunAndStepsToTheEndpointTheEnvironmentNames() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      RunMojo mojo = mojo();
      mojo.environment =
          Map.of(
              "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
              "OTEL_SERVICE_NAME", "maven-build",
              "BATON_HISTORY_URL", "off");

      mojo.execute();

      assertThat(receiver.spans()).extracting(Span::getName).contains("RUN maven", "prepare");
      assertThat(log.lines).noneMatch(l -> l.contains("trace"));
    }
  }

  @Test
  void withoutAnEndpointTheGoalExportsNothingAndSaysNothingAboutIt() throws Exception {
    RunMojo mojo = mojo();
    mojo.environment = Map.of("BATON_HISTORY_URL", "off");

    mojo.execute();

    assertThat(mojo.traces(e -> {})).isSameAs(RunTraces.NONE);
    assertThat(log.lines).noneMatch(l -> l.contains("trace"));
  }

  private RunMojo mojo() throws Exception {
    Path descriptor = dir.resolve("baton.yaml");
    Files.writeString(descriptor, "version: 1\nname: maven\nsteps:\n  prepare: {run: 'true'}\n");
    RunMojo mojo = new RunMojo();
    mojo.file = descriptor.toFile();
    mojo.reportDir = dir.resolve("reports").toFile();
    mojo.parallel = 1;
    mojo.setLog(log);
    return mojo;
  }
}
