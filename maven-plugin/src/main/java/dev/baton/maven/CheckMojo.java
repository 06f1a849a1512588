package dev.baton.maven;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.descriptor.PipelineDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code baton:check}: reads and checks the descriptor and its plan, runs nothing; every problem is
 * reported as {@code file:line:column}. Bound to {@code validate} by default so a broken descriptor
 * fails the build before anything is compiled; needs no POM.
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VALIDATE,
    threadSafe = true,
    requiresProject = false)
public class CheckMojo extends AbstractBatonMojo {

  @Override
  protected void process(Baton baton, BatonConfig config) {
    PipelineDescriptor descriptor = baton.check(config);
    int steps = descriptor.steps().size();
    getLog()
        .info(
            String.format(
                "%s is valid: pipeline %s, %d step%s (%s)",
                config.file(),
                descriptor.name(),
                steps,
                steps == 1 ? "" : "s",
                String.join(", ", descriptor.steps().keySet())));
  }
}
