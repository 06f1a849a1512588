package dev.baton.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.api.BatonConfig;
import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.KindSelection;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MavenRawConfigurationTest {

  @Test
  void commandLineParamOverridesPomParam() {
    Properties user = properties("baton.param.greeting", "from-cli");
    MavenRawConfiguration raw = raw(pomParams("greeting", "from-pom", "dataset", "d.csv"), user);

    assertThat(raw.toBatonConfig().params())
        .containsEntry("greeting", "from-cli")
        .containsEntry("dataset", "d.csv")
        .hasSize(2);
  }

  @Test
  void systemPropertyOverridesPomButNotCommandLine() {
    Properties user = properties("baton.param.a", "user");
    Properties system = properties("baton.param.a", "system", "baton.param.b", "system");
    MavenRawConfiguration raw =
        new MavenRawConfiguration(
            new File("baton.yaml"),
            pomParams("a", "pom", "b", "pom", "c", "pom"),
            null,
            null,
            null,
            0,
            null,
            false,
            false,
            user,
            system);

    assertThat(raw.params()).containsEntry("a", "user").containsEntry("b", "system");
    assertThat(raw.params()).containsEntry("c", "pom");
  }

  @Test
  void ignoresPropertiesOutsideTheParamNamespace() {
    Properties user = properties("baton.parallel", "3", "greeting", "hi", "baton.paramx", "no");

    assertThat(raw(null, user).params()).isEmpty();
  }

  @Test
  void pomParamWithoutValueBecomesEmptyString() {
    Map<String, String> pom = new LinkedHashMap<>();
    pom.put("empty", null);

    assertThat(raw(pom, new Properties()).params()).containsEntry("empty", "");
  }

  @Test
  void rejectsParamPropertyWithoutName() {
    Properties user = properties("baton.param.", "x");

    assertThatThrownBy(() -> raw(null, user).toBatonConfig())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("-Dbaton.param.NAME=VALUE");
  }

  @Test
  void onlySplitsAtCommasOutsideMatrixBrackets() {
    assertThat(MavenRawConfiguration.stepIds(" prepare , train[lr=0.1,bs=32],eval"))
        .containsExactly("prepare", "train[lr=0.1,bs=32]", "eval");
  }

  @Test
  void blankOrMissingOnlyMeansEveryStep() {
    assertThat(MavenRawConfiguration.stepIds(null)).isEmpty();
    assertThat(MavenRawConfiguration.stepIds(" , ,")).isEmpty();
  }

  @Test
  void runOptionsAndPathsReachTheCoreConfig() {
    File reports = new File("target/baton");
    MavenRawConfiguration raw =
        new MavenRawConfiguration(
                new File("ml/baton.yaml"),
                null,
                "train",
                " slurm ",
                new File("agents.yaml"),
                0,
                null,
                false,
                false,
                null,
                null)
            .withRunOptions(4, reports, true, true);

    BatonConfig config = raw.toBatonConfig();

    assertThat(config.file()).isEqualTo(Path.of("ml/baton.yaml"));
    assertThat(config.only()).containsExactly("train");
    assertThat(config.executor()).isEqualTo("slurm");
    assertThat(config.agentsFile()).contains(Path.of("agents.yaml"));
    assertThat(config.parallel()).isEqualTo(4);
    assertThat(config.reportDir()).contains(reports.toPath());
    assertThat(config.failFast()).isTrue();
    assertThat(config.dryRun()).isTrue();
    assertThat(config.kinds()).isEqualTo(KindSelection.ALL);
  }

  @Test
  void unsetOptionsKeepTheCoreDefaults() {
    BatonConfig config = raw(null, null).toBatonConfig();

    assertThat(config.reportDir()).isEmpty();
    assertThat(config.agentsFile()).isEmpty();
    assertThat(config.resume()).isEmpty();
    assertThat(config.parallel()).isZero();
    assertThat(config.executor()).isEmpty();
    assertThat(config.only()).isEmpty();
  }

  @Test
  void rejectsNegativeParallelWithHowToFix() {
    MavenRawConfiguration raw = raw(null, null).withRunOptions(-1, null, false, false);

    assertThatThrownBy(raw::toBatonConfig)
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("baton.parallel is -1")
        .hasMessageContaining("set it to 0");
  }

  private static MavenRawConfiguration raw(Map<String, String> pom, Properties user) {
    return new MavenRawConfiguration(
        new File("baton.yaml"), pom, null, null, null, 0, null, false, false, user, null);
  }

  private static Map<String, String> pomParams(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }
}
