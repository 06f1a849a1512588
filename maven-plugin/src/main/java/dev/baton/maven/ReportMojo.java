package dev.baton.maven;

import dev.baton.core.errors.UsageException;
import dev.baton.core.report.ReportWriter;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code baton:report}: regenerates every report of a run (junit.xml, summary.md, report.html) from
 * its run.json, as {@code baton report RUN_DIR} does.
 */
@Mojo(name = "report", threadSafe = true, requiresProject = false)
public class ReportMojo extends AbstractMojo {
  /** The run's report directory, which holds its run.json. */
  @Parameter(property = "baton.reportDir", defaultValue = "${project.build.directory}/baton")
  private File reportDir;

  @Override
  public void execute() throws MojoExecutionException {
    try {
      for (Path p : ReportWriter.regenerate(reportDir.toPath(), System.getenv())) {
        getLog().info("wrote " + p);
      }
    } catch (UsageException e) {
      throw new MojoExecutionException(MavenErrors.message(e));
    }
  }
}
