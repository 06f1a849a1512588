package dev.baton.maven;

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
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** Every kind of core error and every setting or action a fix names reaches a Maven user. */
class MavenErrorsTest {

  /** One of each permitted subtype; the first test keeps this list complete. */
  private static final Map<Class<?>, BatonException> SAMPLES =
      Map.of(
          UsageException.class,
          new UsageException("bad", Fix.of("choose another ", Setting.REPORT_DIR)),
          InfrastructureException.class,
          new InfrastructureException("down", Fix.of("try ", Action.run()), null),
          DescriptorException.class,
          new DescriptorException(
              List.of(
                  new DescriptorProblem(
                      new SourcePosition("baton.yaml", 3, 5), "unknown key", "fix it"))));

  @Test
  void everyPermittedSubtypeIsHandled() throws Exception {
    assertThat(SAMPLES.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.asList(BatonException.class.getPermittedSubclasses()));
    for (BatonException e : SAMPLES.values()) {
      MojoExecutionException m = MavenErrors.toMojoException(e);
      assertThat(m.getMessage()).as(e.getClass().getSimpleName()).contains(e.problem());
    }
  }

  @Test
  void fixesAreSpelledAsMavenPropertiesNeverAsFlags() {
    for (Setting s : Setting.values()) {
      String text = Fix.of("use ", s).render(MavenWords.INSTANCE);
      assertThat(text).as(s.name()).doesNotContain("--" + s.name().toLowerCase());
      if (s != Setting.LOCKED_GPUS) {
        assertThat(text).as(s.name()).contains("-Dbaton.");
      }
    }
    assertThat(MavenErrors.message(SAMPLES.get(UsageException.class)))
        .isEqualTo("bad; choose another -Dbaton.reportDir (<reportDir>)");
    assertThat(Fix.of(Action.resume("20261206-1")).render(MavenWords.INSTANCE))
        .isEqualTo("'mvn baton:run -Dbaton.resume=20261206-1'");
  }
}
