package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.Action;
import dev.baton.core.errors.BatonException;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.Fix;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.Setting;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.errors.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of core error ends the command line with its exit code and flags in its fix. */
class CliErrorsTest {

  /** One of each permitted subtype with the exit code it must give; kept complete below. */
  private static final Map<BatonException, Integer> SAMPLES =
      Map.of(
          new UsageException("bad", Fix.of("choose another ", Setting.REPORT_DIR)),
          ExitCodes.USAGE,
          new InfrastructureException("down", Fix.of("try ", Action.run()), null),
          ExitCodes.INFRASTRUCTURE,
          new DescriptorException(
              List.of(
                  new DescriptorProblem(
                      new SourcePosition("baton.yaml", 3, 5), "unknown key", "fix it"))),
          ExitCodes.USAGE);

  @Test
  void everyPermittedSubtypeHasItsExitCode() {
    assertThat(SAMPLES.keySet().stream().map(Object::getClass).toList())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.asList(BatonException.class.getPermittedSubclasses()));
    SAMPLES.forEach(
        (e, code) -> assertThat(ExitCodeOf.error(e)).as(e.getClass().getName()).isEqualTo(code));
  }

  @Test
  void fixesAreSpelledAsFlags() {
    for (Setting s : Setting.values()) {
      assertThat(Fix.of(s).render(CliWords.INSTANCE)).as(s.name()).startsWith("--");
    }
    assertThat(
            CliErrors.message(
                new UsageException("bad", Fix.of("choose another ", Setting.REPORT_DIR))))
        .isEqualTo("bad; choose another --report-dir");
    assertThat(Fix.of(Action.resume("20261206-1")).render(CliWords.INSTANCE))
        .isEqualTo("'baton run --resume 20261206-1'");
  }
}
