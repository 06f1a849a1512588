package dev.baton.maven;

import dev.baton.core.descriptor.StepKind;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code baton:validate}: runs the {@code validate:} steps (metric gates) and the steps they need.
 * Bound to {@code verify} by default: a model that misses its gates fails the build there.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ValidateMojo extends AbstractRunMojo {

  @Override
  protected StepKind kind() {
    return StepKind.VALIDATE;
  }
}
