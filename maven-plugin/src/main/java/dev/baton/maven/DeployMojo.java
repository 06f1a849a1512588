package dev.baton.maven;

import dev.baton.core.descriptor.StepKind;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code baton:deploy}: runs the {@code deploy:} steps (rollout with health checks and rollback)
 * and the steps they need. Bound to Maven's {@code deploy} phase by default.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractRunMojo {

  @Override
  protected StepKind kind() {
    return StepKind.DEPLOY;
  }
}
