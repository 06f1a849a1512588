package dev.baton.core.report;

import dev.baton.core.errors.Fix;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.AtomicFiles;
import dev.baton.core.io.IoFailures;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes every report of a run into its report directory, each file atomically: run.json,
 * junit.xml, summary.md, report.html and report.css; on GitHub Actions also appends the summary to
 * {@code $GITHUB_STEP_SUMMARY}.
 */
public final class ReportWriter {
  public static final String JUNIT_XML = "junit.xml";
  public static final String SUMMARY_MD = "summary.md";
  public static final String GITHUB_STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

  private ReportWriter() {}

  /**
   * Writes run.json and every report generated from it into {@code reportDir} (created when
   * missing).
   *
   * @param env the process environment; only {@code GITHUB_STEP_SUMMARY} is read
   * @return the files written, run.json first; the step-summary file last when it was appended to
   * @throws InfrastructureException when a file cannot be written
   */
  public static List<Path> writeAll(RunRecord record, Path reportDir, Map<String, String> env) {
    createDirectories(reportDir);
    Path runJson = reportDir.resolve(RunRecordJson.FILE_NAME);
    RunRecordJson.write(record, runJson);
    List<Path> written = new ArrayList<>();
    written.add(runJson);
    written.addAll(writeDerived(record, reportDir, env));
    return written;
  }

  /**
   * Reads {@code runDir/run.json} and rewrites the reports generated from it (used by {@code baton
   * report RUN_DIR}); run.json itself is left as it is.
   *
   * @return the files written
   * @throws dev.baton.core.errors.UsageException when run.json is missing or not a run record
   */
  public static List<Path> regenerate(Path runDir, Map<String, String> env) {
    RunRecord record = RunRecordJson.read(runDir.resolve(RunRecordJson.FILE_NAME));
    return writeDerived(record, runDir, env);
  }

  private static List<Path> writeDerived(
      RunRecord record, Path reportDir, Map<String, String> env) {
    List<Path> written = new ArrayList<>();
    Path junit = reportDir.resolve(JUNIT_XML);
    AtomicFiles.write(junit, Utf8Text.of(w -> JunitXmlWriter.write(record, w)));
    written.add(junit);
    Path summaryFile = reportDir.resolve(SUMMARY_MD);
    AtomicFiles.write(summaryFile, Utf8Text.of(w -> SummaryMarkdownWriter.write(record, w)));
    written.add(summaryFile);
    written.addAll(HtmlReportWriter.write(record, reportDir));
    String stepSummary = env.get(GITHUB_STEP_SUMMARY);
    if (stepSummary != null && !stepSummary.isBlank()) {
      Path target = Path.of(stepSummary);
      appendStepSummary(target, SummaryMarkdownWriter.toMarkdown(record));
      written.add(target);
    }
    return written;
  }

  /** Appends rather than replaces: earlier steps of the same GitHub job may have written there. */
  private static void appendStepSummary(Path target, String summary) {
    try {
      AppendOnlyFile.appendLine(target, summary);
    } catch (InfrastructureException e) {
      throw new InfrastructureException(
          "$GITHUB_STEP_SUMMARY: " + e.problem(),
          Fix.of("check that the variable names a writable file"),
          e.getCause());
    }
  }

  private static void createDirectories(Path reportDir) {
    try {
      Files.createDirectories(reportDir);
    } catch (IOException e) {
      throw IoFailures.writeFailure(
          "cannot create the report directory " + reportDir.toAbsolutePath(), e);
    }
  }
}
