package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.DescriptorException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LimitsDescriptorTest {
  private static final Path FILE = Path.of("baton.yaml");

  private static PipelineDescriptor parse(String yaml) {
    return DescriptorReader.parse(FILE, "version: 1\nname: x\n" + yaml);
  }

  @Test
  void aStepsOwnLimitsWinOverTheTopLevelAndAdvisoryIsTheDefault() {
    PipelineDescriptor d =
        parse(
            """
            limits: enforce
            steps:
              a: {run: 'true'}
              b: {run: 'true', limits: advisory}
            """);
    assertThat(d.limits().enforced("a")).isTrue();
    assertThat(d.limits().enforced("b")).isFalse();
    assertThat(parse("steps:\n  a: {run: 'true', limits: enforce}\n  b: {run: 'true'}\n").limits())
        .satisfies(l -> assertThat(l.enforced("a")).isTrue())
        .satisfies(l -> assertThat(l.enforced("b")).isFalse());
    assertThat(parse("steps:\n  a: {run: 'true'}\n").limits()).isEqualTo(LimitsPolicy.ADVISORY);
  }

  @Test
  void anUnknownModeIsALocatedProblemThatSaysTheTwoModes() {
    assertThatThrownBy(() -> parse("steps:\n  a: {run: 'true', limits: strict}\n"))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("baton.yaml:4:")
        .hasMessageContaining("'a.limits' is 'strict', which is not a limits mode")
        .hasMessageContaining("write 'enforce'");
  }
}
