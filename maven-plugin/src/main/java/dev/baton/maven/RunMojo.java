package dev.baton.maven;

import dev.baton.core.descriptor.StepKind;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.jspecify.annotations.Nullable;

/**
 * {@code baton:run}: runs the whole pipeline and writes its reports; a failed step fails the build.
 * Bound to {@code verify} by default, after the project is built and before it is installed.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class RunMojo extends AbstractRunMojo {

  @Override
  protected @Nullable StepKind kind() {
    return null;
  }
}
