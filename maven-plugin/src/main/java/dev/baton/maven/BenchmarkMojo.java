package dev.baton.maven;

import dev.baton.core.descriptor.StepKind;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code baton:benchmark}: runs the {@code benchmark:} steps and the steps they need; a regression
 * beyond the allowed slowdown fails the build. Bound to {@code verify} by default.
 */
@Mojo(name = "benchmark", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class BenchmarkMojo extends AbstractRunMojo {

  @Override
  protected StepKind kind() {
    return StepKind.BENCHMARK;
  }
}
