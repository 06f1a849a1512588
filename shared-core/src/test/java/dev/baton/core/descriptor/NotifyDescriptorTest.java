package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifyDescriptorTest {
  private static final Path FILE = Path.of("baton.yaml");
  private static final String STEPS = "steps:\n  a: {run: 'true'}\n";

  private static PipelineDescriptor parse(String yaml) {
    return DescriptorReader.parse(FILE, "version: 1\nname: x\n" + yaml + STEPS);
  }

  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void readsWebhooksByUrlAndByEnvironmentVariableWithFailureAsTheDefaultTrigger() {
    PipelineDescriptor d =
        parse(
            """
            notify:
              - {on: [failure, success], webhook: "https://hooks.example.com/x"}
              - {webhook: {env: SLACK_WEBHOOK_URL}}
            """);
    assertThat(d.notifications()).hasSize(2);
    assertThat(d.notifications().get(0).on())
        .isEqualTo(Set.of(NotifySpec.Trigger.FAILURE, NotifySpec.Trigger.SUCCESS));
    assertThat(d.notifications().get(1).webhookEnv()).isEqualTo("SLACK_WEBHOOK_URL");
    assertThat(d.notifications().get(1).on()).containsExactly(NotifySpec.Trigger.FAILURE);
  }

  @Test
  void anUnknownTriggerAndANonHttpUrlAreLocated() {
    List<String> problems =
        problems(
            """
            notify:
              - {on: [failur], webhook: "https://hooks.example.com/x"}
              - {webhook: "ftp://example.com"}
            """);
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("baton.yaml:4:").contains("failur"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("baton.yaml:5:").contains("ftp"));
  }
}
