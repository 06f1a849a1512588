package dev.baton.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.errors.UsageException;
import java.io.File;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class AbstractBatonMojoTest {

  @Test
  void descriptorErrorsBecomeAnExecutionFailureWithPositionsAndNoCause() {
    DescriptorProblem problem =
        new DescriptorProblem(
            new SourcePosition("baton.yaml", 7, 5), "unknown key 'nedds'", "did you mean 'needs'?");
    FakeMojo mojo =
        new FakeMojo(
            config -> {
              throw new DescriptorException(List.of(problem));
            });

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("baton.yaml:7:5: unknown key 'nedds'; did you mean 'needs'?")
        .hasNoCause();
  }

  @Test
  void usageErrorsKeepTheCoreMessageWithoutCause() {
    FakeMojo mojo =
        new FakeMojo(
            config -> {
              throw new UsageException("baton.yaml not found, create it or set baton.file");
            });

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("baton.yaml not found, create it or set baton.file")
        .hasNoCause();
  }

  @Test
  void infrastructureErrorsKeepTheirCauseForDashE() {
    InfrastructureException cause = new InfrastructureException("sbatch not found on PATH");
    FakeMojo mojo =
        new FakeMojo(
            config -> {
              throw cause;
            });

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("sbatch not found on PATH")
        .hasCause(cause);
  }

  @Test
  void skipRunsNothing() throws Exception {
    AtomicReference<BatonConfig> seen = new AtomicReference<>();
    FakeMojo mojo = new FakeMojo(seen::set);
    mojo.skip = true;
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);

    mojo.execute();

    assertThat(seen.get()).isNull();
    assertThat(log.lines).containsExactly("INFO Skipping Baton: baton.skip is true");
  }

  @Test
  void passesTheTranslatedConfigToTheGoal() throws Exception {
    AtomicReference<BatonConfig> seen = new AtomicReference<>();
    FakeMojo mojo = new FakeMojo(seen::set);
    mojo.only = "a,b";

    mojo.execute();

    assertThat(seen.get().file()).isEqualTo(new File("baton.yaml").toPath());
    assertThat(seen.get().only()).containsExactlyInAnyOrder("a", "b");
  }

  /** A goal whose one call into the core is replaced by {@code body}. */
  private static final class FakeMojo extends AbstractBatonMojo {
    private final Consumer<BatonConfig> body;

    FakeMojo(Consumer<BatonConfig> body) {
      this.body = body;
      this.file = new File("baton.yaml");
    }

    @Override
    protected void process(Baton baton, BatonConfig config) {
      body.accept(config);
    }
  }
}
