package dev.baton.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema flags what an editor should underline, and accepts what the design allows. */
class SchemaRejectsMistakesTest {
  private static BatonSchema schema;

  @BeforeAll
  static void loadSchema() {
    schema = BatonSchema.load();
  }

  @Test
  void acceptsTheFullDescriptorSketch() throws IOException {
    assertThat(schema.violations(resource("descriptor-sketch.baton.yaml"))).isEmpty();
  }

  @Test
  void acceptsEveryDocumentedKey() throws IOException {
    assertThat(schema.violations(resource("every-key.baton.yaml"))).isEmpty();
  }

  @Test
  void acceptsTheShortestPipeline() {
    assertThat(schema.violations(pipeline("  hello: {run: echo hello}"))).isEmpty();
  }

  @Test
  void flagsMisspeltNeeds() {
    List<String> problems =
        schema.violations(pipeline("  a: {run: echo a}", "  b: {run: echo b, need: [a]}"));

    assertThat(problems).singleElement().asString().contains("$.steps.b").contains("need");
  }

  @Test
  void flagsMisspeltTopLevelKey() {
    String yaml = "version: 1\nname: p\nparam: {x: 1}\nsteps: {a: {run: echo}}\n";

    assertThat(schema.violations(yaml)).singleElement().asString().contains("param");
  }

  @Test
  void flagsMisspeltGpuBusyKeyAndSizeWrittenInWords() {
    String yaml =
        "version: 1\nname: p\ngpuBusy: {minMemory: a lot}\n"
            + "agents: [{name: ws1, gpuBusy: {ignoreForeing: true}}]\nsteps: {a: {run: echo}}\n";

    assertThat(schema.violations(yaml))
        .anySatisfy(p -> assertThat(p).contains("$.gpuBusy.minMemory"))
        .anySatisfy(p -> assertThat(p).contains("$.agents[0].gpuBusy").contains("ignoreForeing"));
  }

  @Test
  void flagsTimeoutGivenAsList() {
    List<String> problems = schema.violations(pipeline("  a: {run: echo a, timeout: [1]}"));

    assertThat(problems).isNotEmpty().allMatch(p -> p.contains("$.steps.a.timeout"));
  }

  @Test
  void flagsDurationWrittenInWords() {
    List<String> problems = schema.violations(pipeline("  a: {run: echo a, timeout: 5 minutes}"));

    assertThat(problems).isNotEmpty().allMatch(p -> p.contains("$.steps.a.timeout"));
  }

  @Test
  void acceptsCombinedDurationsAndPlainSeconds() {
    assertThat(schema.violations(pipeline("  a: {run: echo a, timeout: 1h30m}"))).isEmpty();
    assertThat(schema.violations(pipeline("  a: {run: echo a, timeout: 90}"))).isEmpty();
  }

  @Test
  void flagsUnknownDeployStrategy() {
    List<String> problems =
        schema.violations(pipeline("  ship: {deploy: {strategy: rolling, switch: ./go.sh}}"));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("strategy"));
  }

  @Test
  void flagsCanaryWithoutShiftCommand() {
    List<String> problems =
        schema.violations(pipeline("  ship: {deploy: {strategy: canary, weights: [50, 100]}}"));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("shift"));
  }

  @Test
  void flagsStepThatBothRunsAndDeploys() {
    List<String> problems =
        schema.violations(pipeline("  a: {run: echo a, deploy: {switch: ./go.sh}}"));

    assertThat(problems).isNotEmpty().allMatch(p -> p.contains("$.steps.a"));
  }

  @Test
  void flagsStepWithNothingToDo() {
    assertThat(schema.violations(pipeline("  a: {needs: [b]}", "  b: {run: echo}"))).isNotEmpty();
  }

  @Test
  void flagsStepIdThatCannotBeNamed() {
    List<String> problems = schema.violations(pipeline("  train[lr=1]: {run: echo}"));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("train[lr=1]"));
  }

  @Test
  void flagsNegativeRetryLimitAndUnknownJitter() {
    List<String> problems =
        schema.violations(pipeline("  a: {run: echo, retry: {limit: -1, jitter: equal}}"));

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("$.steps.a.retry.limit"))
        .anySatisfy(p -> assertThat(p).contains("$.steps.a.retry.jitter"));
  }

  @Test
  void flagsMissingVersionAndWrongVersion() {
    assertThat(schema.violations("name: p\nsteps: {a: {run: echo}}\n"))
        .anySatisfy(p -> assertThat(p).contains("version"));
    assertThat(schema.violations("version: 2\nname: p\nsteps: {a: {run: echo}}\n"))
        .anySatisfy(p -> assertThat(p).contains("version"));
  }

  @Test
  void flagsSizeWithoutKnownUnit() {
    List<String> problems =
        schema.violations(pipeline("  a: {run: echo, agent: {gpus: 1, gpuMemory: 40 gigs}}"));

    assertThat(problems).isNotEmpty().allMatch(p -> p.contains("$.steps.a.agent"));
  }

  private static String pipeline(String... stepLines) {
    return "version: 1\nname: p\nsteps:\n" + String.join("\n", stepLines) + "\n";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SchemaRejectsMistakesTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
