package dev.baton.maven;

import dev.baton.core.descriptor.StepKind;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * {@code baton:run}: runs the pipeline and writes its reports; a failed step fails the build. Bound
 * to {@code verify} by default, after the project is built and before it is installed, so it
 * deploys nothing unless asked: {@code deploy:} steps, and the steps that need them, run only with
 * {@code -Dbaton.deploy=true} (or through {@code baton:deploy}).
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class RunMojo extends AbstractRunMojo {

  /**
   * Also run the {@code deploy:} steps and the steps that need them. False (the default): {@code
   * mvn verify} builds, trains and validates, and deploys nothing.
   */
  @Parameter(property = "baton.deploy", defaultValue = "false")
  protected boolean deploy;

  @Override
  protected @Nullable StepKind kind() {
    return null;
  }

  @Override
  protected Set<StepKind> leftOut() throws MojoFailureException {
    if (deploy) {
      return Set.of();
    }
    if (MavenKinds.parse(kinds).contains(StepKind.DEPLOY)) {
      throw new MojoFailureException(MavenHelpfulSuggestions.deployNotAsked());
    }
    return Set.of(StepKind.DEPLOY);
  }
}
