package dev.baton.maven;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.PlanFormats;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code baton:plan}: prints what a run would do (steps after matrix expansion and {@code when}, in
 * order, with what each needs); runs nothing and needs no POM.
 */
@Mojo(
    name = "plan",
    defaultPhase = LifecyclePhase.VALIDATE,
    threadSafe = true,
    requiresProject = false)
public class PlanMojo extends AbstractBatonMojo {

  /**
   * How to print the plan: {@code text}, {@code json}, {@code dot}, {@code mermaid} or {@code svg}.
   */
  @Parameter(property = "baton.format", defaultValue = "text")
  protected String format;

  /** Write the plan to this file instead of the build log (handy for json, dot, mermaid, svg). */
  @Parameter(property = "baton.output")
  protected File output;

  @Override
  protected void process(Baton baton, BatonConfig config) throws MojoExecutionException {
    String rendered =
        PlanFormats.render(baton.plan(config), format.trim().toLowerCase(Locale.ROOT));
    if (output == null) {
      rendered.lines().forEach(getLog()::info);
      return;
    }
    Path target = output.toPath();
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.writeString(target, rendered, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot write the plan to " + target + ", check that the folder is writable", e);
    }
    getLog().info(MavenHelpfulSuggestions.planWritten(target));
  }
}
