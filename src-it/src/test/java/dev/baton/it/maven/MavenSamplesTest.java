package dev.baton.it.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.events.EventSink;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fast checks on the sample projects that maven-invoker-plugin builds with real Maven later in this
 * module's build: each is a quick pom-packaged build of this plugin with a verify script, and each
 * descriptor is as valid (or as broken) as its build expects. A sample that drifts fails here in
 * milliseconds instead of in a nested Maven build.
 */
class MavenSamplesTest {
  private static final Path SAMPLES = Path.of("maven");

  @Test
  void everySampleIsAQuickBuildOfThisPluginWithAVerifyScript() throws IOException {
    List<Path> samples = samples();
    assertThat(samples)
        .extracting(p -> p.getFileName().toString())
        .contains("passing-pipeline", "failing-pipeline", "bad-descriptor", "params-override");
    for (Path sample : samples) {
      Path project = project(sample);
      String pom = Files.readString(project.resolve("pom.xml"));
      assertThat(pom)
          .as(project + "/pom.xml")
          .contains("<packaging>pom</packaging>")
          .contains("<artifactId>baton-maven-plugin</artifactId>")
          .containsAnyOf(
              "<version>@project.version@</version>", "<version>@batonVersion@</version>");
      assertThat(invokerProperties(sample).getProperty("invoker.goals"))
          .as(sample + "/invoker.properties names the goals")
          .isNotBlank();
      assertThat(sample.resolve("verify.groovy"))
          .as(sample + " verifies its outcome")
          .isRegularFile();
      assertThat(project.resolve("baton.yaml")).isRegularFile();
    }
  }

  @Test
  void samplesThatExpectAValidDescriptorCheckClean() throws IOException {
    for (Path sample : samples()) {
      if (!sample.endsWith("bad-descriptor")) {
        Baton baton = new Baton(EventSink.NONE);
        assertThat(baton.check(BatonConfig.of(project(sample).resolve("baton.yaml"))).steps())
            .as(sample + "/baton.yaml")
            .isNotEmpty();
      }
    }
  }

  @Test
  void badDescriptorFailsAtTheMisspeltKey() {
    Path descriptor = SAMPLES.resolve("bad-descriptor/baton.yaml");

    assertThatThrownBy(() -> new Baton(EventSink.NONE).check(BatonConfig.of(descriptor)))
        .isInstanceOf(DescriptorException.class)
        .satisfies(
            e -> {
              List<DescriptorProblem> problems = ((DescriptorException) e).problems();
              assertThat(problems).hasSize(1);
              assertThat(problems.get(0).position().line()).isEqualTo(7);
              assertThat(problems.get(0).position().column()).isEqualTo(5);
              assertThat(problems.get(0).message()).contains("nedds");
            });
  }

  @Test
  void failingSampleExpectsABuildFailure() throws IOException {
    for (String sample : List.of("failing-pipeline", "bad-descriptor")) {
      assertThat(invokerProperties(SAMPLES.resolve(sample)).getProperty("invoker.buildResult"))
          .as(sample)
          .isEqualTo("failure");
    }
  }

  private static List<Path> samples() throws IOException {
    try (Stream<Path> dirs = Files.list(SAMPLES)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
    }
  }

  private static Properties invokerProperties(Path sample) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(sample.resolve("invoker.properties"))) {
      properties.load(reader);
    }
    return properties;
  }

  /**
   * The Maven project a sample builds with the plugin: the sample itself, or its {@code consumer/}
   * when the sample's own build only drives the test (publish-and-use deploys this repository, then
   * builds the consumer against what it deployed).
   */
  private static Path project(Path sample) {
    Path consumer = sample.resolve("consumer");
    return Files.isDirectory(consumer) ? consumer : sample;
  }
}
