package dev.baton.maven;

import dev.baton.core.errors.UsageException;
import dev.baton.core.history.HistoryQuery;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.HistoryStores;
import dev.baton.core.history.Trends;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.StepRecord;
import dev.baton.core.report.ReportWriter;
import dev.baton.core.report.TrendsHtmlWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * {@code baton:site-report}: a "Baton pipeline" page in the Maven site, listed under {@code
 * <reporting>}: the last run's status and steps, linking to its full report.html, which is copied
 * next to the page with its logs.
 */
@Mojo(name = "site-report", threadSafe = true)
public class SiteReportMojo extends AbstractMavenReport {
  /** The run whose results the page shows: the report directory of {@code baton:run}. */
  @Parameter(property = "baton.reportDir", defaultValue = "${project.build.directory}/baton")
  private File reportDir;

  /** The workspace whose run history the trends page charts (its .baton/history.db). */
  @Parameter(property = "baton.workspace", defaultValue = "${basedir}")
  private File workspace;

  @Override
  @SuppressWarnings("deprecation") // required by MavenReport, which Maven 3 still calls
  public String getOutputName() {
    return "baton";
  }

  @Override
  public String getName(Locale locale) {
    return "Baton pipeline";
  }

  @Override
  public String getDescription(Locale locale) {
    return "The last Baton run: status, steps, and its full report.";
  }

  @Override
  public boolean canGenerateReport() {
    return Files.exists(reportDir.toPath().resolve(RunRecordJson.FILE_NAME));
  }

  @Override
  protected void executeReport(Locale locale) throws MavenReportException {
    RunRecord record;
    try {
      record = RunRecordJson.read(reportDir.toPath().resolve(RunRecordJson.FILE_NAME));
      copyFullReport(record);
    } catch (UsageException | IOException e) {
      throw new MavenReportException(
          e instanceof UsageException u ? MavenErrors.message(u) : e.getMessage(), e);
    }
    Sink sink = getSink();
    sink.head();
    sink.title();
    sink.text("Baton pipeline " + record.pipeline());
    sink.title_();
    sink.head_();
    sink.body();
    sink.section1();
    sink.sectionTitle1();
    sink.text(record.pipeline() + ": " + record.status());
    sink.sectionTitle1_();
    sink.paragraph();
    sink.text("Run " + record.runId() + ", " + record.steps().size() + " steps. ");
    sink.link("baton-run/report.html");
    sink.text("Full report: timeline, gates, benchmarks, logs");
    sink.link_();
    if (trendsWritten()) {
      sink.text(". ");
      sink.link("baton-run/trends.html");
      sink.text("Trends over the last runs");
      sink.link_();
    }
    sink.paragraph_();
    sink.table();
    sink.tableRows();
    row(sink, true, "Step", "Status", "Duration", "Attempts", "Message");
    for (StepRecord s : record.steps()) {
      row(
          sink,
          false,
          s.id(),
          s.status().name(),
          s.durationMillis() + " ms",
          Integer.toString(s.attempts().size()),
          s.message());
    }
    sink.tableRows_();
    sink.table_();
    sink.section1_();
    sink.body_();
  }

  /** Writes the trends page beside the report; a history that cannot be read leaves it out. */
  private boolean trendsWritten() {
    Path target = getReportOutputDirectory().toPath().resolve("baton-run").resolve("trends.html");
    try (HistoryStore store = HistoryStores.open(workspace.toPath(), System.getenv())) {
      TrendsHtmlWriter.write(Trends.page(store, HistoryQuery.last(50)), target);
      return true;
    } catch (RuntimeException e) {
      getLog().warn("no trends page: " + e.getMessage());
      return false;
    }
  }

  private void copyFullReport(RunRecord record) throws IOException {
    Path target = getReportOutputDirectory().toPath().resolve("baton-run");
    Files.createDirectories(target);
    ReportWriter.writeAll(record, target, Map.of());
    Path logs = reportDir.toPath().resolve("logs");
    if (Files.isDirectory(logs)) {
      try (var files = Files.walk(logs)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Path t = target.resolve(reportDir.toPath().relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(t);
          } else {
            Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  private static void row(Sink sink, boolean header, String... cells) {
    sink.tableRow();
    for (String c : cells) {
      if (header) {
        sink.tableHeaderCell();
      } else {
        sink.tableCell();
      }
      sink.text(c);
      if (header) {
        sink.tableHeaderCell_();
      } else {
        sink.tableCell_();
      }
    }
    sink.tableRow_();
  }
}
