package dev.baton.maven;

import dev.baton.core.errors.BatonException;
import dev.baton.core.history.HistoryQuery;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.HistoryStores;
import dev.baton.core.history.Trends;
import dev.baton.core.report.TrendsHtmlWriter;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code baton:trends}: writes trends.html over the last runs, as {@code baton trends} does. */
@Mojo(name = "trends", threadSafe = true, requiresProject = false)
public class TrendsMojo extends AbstractMojo {
  /** The workspace whose store to read: the descriptor's directory. */
  @Parameter(property = "baton.workspace", defaultValue = "${basedir}")
  private File workspace;

  /** How many of the newest runs to chart. */
  @Parameter(property = "baton.last", defaultValue = "50")
  private int last;

  /** Where to write the page. */
  @Parameter(property = "baton.trendsFile", defaultValue = "${basedir}/.baton/trends.html")
  private File out;

  @Override
  public void execute() throws MojoExecutionException {
    try (HistoryStore store = HistoryStores.open(workspace.toPath(), System.getenv())) {
      TrendsHtmlWriter.write(
          Trends.page(store, new HistoryQuery(null, null, List.of(), last)), out.toPath());
      getLog().info("wrote " + out);
    } catch (BatonException e) {
      throw new MojoExecutionException(MavenErrors.message(e), e);
    }
  }
}
