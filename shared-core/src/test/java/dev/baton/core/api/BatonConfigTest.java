package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.StepKind;
import dev.baton.core.plan.KindSelection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatonConfigTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  @Test
  void ofGivesTheDefaults() {
    BatonConfig c = BatonConfig.of(FILE);

    assertThat(c.file()).isEqualTo(FILE);
    assertThat(c.params()).isEmpty();
    assertThat(c.parallel()).isZero();
    assertThat(c.reportDir()).isEmpty();
    assertThat(c.only()).isEmpty();
    assertThat(c.kinds()).isEqualTo(KindSelection.ALL);
    assertThat(c.executor()).isEmpty();
    assertThat(c.agentsFile()).isEmpty();
    assertThat(c.failFast()).isFalse();
    assertThat(c.dryRun()).isFalse();
    assertThat(c.resume()).isEmpty();
    assertThat(c.executorOptions()).isEmpty();
    assertThat(c.noCache()).isFalse();
    assertThat(c.leaseTimeout()).isZero();
  }

  @Test
  void toBuilderKeepsEveryValueAndChangesOnlyWhatIsSet() {
    BatonConfig c =
        BatonConfig.builder(FILE)
            .params(Map.of("lr", "0.1"))
            .parallel(3)
            .reportDir(Path.of("r"))
            .only(Set.of("train"))
            .kind(StepKind.VALIDATE)
            .executor("slurm")
            .agentsFile(Path.of("agents.yaml"))
            .failFast(true)
            .dryRun(true)
            .resume("latest")
            .executorOptions(Map.of("partition", "gpu"))
            .noCache(true)
            .leaseTimeout(Duration.ofMinutes(10))
            .build();

    BatonConfig d = c.toBuilder().parallel(5).build();

    assertThat(d.parallel()).isEqualTo(5);
    assertThat(c.parallel()).isEqualTo(3);
    assertThat(d.file()).isEqualTo(FILE);
    assertThat(d.params()).containsExactly(Map.entry("lr", "0.1"));
    assertThat(d.reportDir()).contains(Path.of("r"));
    assertThat(d.only()).containsExactly("train");
    assertThat(d.kinds().kinds()).containsExactly(StepKind.VALIDATE);
    assertThat(d.executor()).isEqualTo("slurm");
    assertThat(d.agentsFile()).contains(Path.of("agents.yaml"));
    assertThat(d.failFast()).isTrue();
    assertThat(d.dryRun()).isTrue();
    assertThat(d.resume()).contains("latest");
    assertThat(d.executorOptions()).containsExactly(Map.entry("partition", "gpu"));
    assertThat(d.noCache()).isTrue();
    assertThat(d.leaseTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aBuiltConfigDoesNotChangeWithItsBuilderOrWhatWasPassedIn() {
    Map<String, String> params = new LinkedHashMap<>(Map.of("a", "1"));
    BatonConfig.Builder builder = BatonConfig.builder(FILE).params(params).parallel(2);
    BatonConfig built = builder.build();

    builder.parallel(7);
    params.put("b", "2");

    assertThat(built.parallel()).isEqualTo(2);
    assertThat(built.params()).containsOnlyKeys("a");
  }

  @Test
  void nullMeansTheDefaultSoFrontEndsPassWhatTheyWereGiven() {
    BatonConfig c =
        BatonConfig.builder(FILE)
            .reportDir(null)
            .kind(null)
            .executor(null)
            .agentsFile(null)
            .resume(null)
            .leaseTimeout(null)
            .build();

    assertThat(c).usingRecursiveComparison().isEqualTo(BatonConfig.of(FILE));
  }

  @Test
  void paramsKeepTheOrderGiven() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("z", "1");
    given.put("a", "2");

    assertThat(BatonConfig.builder(FILE).params(given).build().params().keySet())
        .containsExactly("z", "a");
  }
}
