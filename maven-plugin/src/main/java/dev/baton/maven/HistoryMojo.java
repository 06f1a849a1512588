package dev.baton.maven;

import dev.baton.core.errors.BatonException;
import dev.baton.core.history.HistoryQuery;
import dev.baton.core.history.HistoryRows.RunRow;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.HistoryStores;
import java.io.File;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code baton:history}: lists the runs in the history store, newest first, as {@code baton
 * history} does (the workspace's {@code .baton/history.db}, or {@code BATON_HISTORY_URL}).
 */
@Mojo(name = "history", threadSafe = true, requiresProject = false)
public class HistoryMojo extends AbstractMojo {
  /** The workspace whose store to read: the descriptor's directory. */
  @Parameter(property = "baton.workspace", defaultValue = "${basedir}")
  private File workspace;

  /** Only runs of this pipeline; empty: all. */
  @Parameter(property = "baton.pipeline")
  private String pipeline;

  /** At most this many runs, the newest. */
  @Parameter(property = "baton.last", defaultValue = "50")
  private int last;

  @Override
  public void execute() throws MojoExecutionException {
    try (HistoryStore store = HistoryStores.open(workspace.toPath(), System.getenv())) {
      List<RunRow> runs =
          store.runs(
              new HistoryQuery(
                  pipeline == null || pipeline.isEmpty() ? null : pipeline, null, List.of(), last));
      for (RunRow r : runs) {
        getLog()
            .info(
                String.format(
                    Locale.ROOT,
                    "%-22s %-16s %-10s %8.1fs  %-13s %s",
                    r.runId(),
                    r.pipeline(),
                    r.status(),
                    r.durationMillis() / 1000.0,
                    r.commit() == null ? "-" : r.shortCommit(),
                    r.params()));
      }
      if (runs.isEmpty()) {
        getLog().info("no runs in the history store");
      }
    } catch (BatonException e) {
      throw new MojoExecutionException(MavenErrors.message(e), e);
    }
  }
}
