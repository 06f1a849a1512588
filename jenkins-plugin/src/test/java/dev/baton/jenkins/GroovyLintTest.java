package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.codenarc.CodeNarcRunner;
import org.codenarc.analyzer.FilesystemSourceAnalyzer;
import org.codenarc.results.Results;
import org.codenarc.rule.Violation;
import org.junit.jupiter.api.Test;

/** The library's Groovy passes CodeNarc with the rules in codenarc.groovy. */
class GroovyLintTest {
  @Test
  void libraryGroovyHasNoCodeNarcViolations() {
    FilesystemSourceAnalyzer sources = new FilesystemSourceAnalyzer();
    sources.setBaseDirectory(Testbed.LIBRARY.toString());
    sources.setIncludes("**/*.groovy");
    sources.setExcludes("**/target/**,codenarc.groovy");
    CodeNarcRunner runner = new CodeNarcRunner();
    runner.setRuleSetFiles("file:" + Testbed.LIBRARY.resolve("codenarc.groovy"));
    runner.setSourceAnalyzer(sources);
    runner.setReportWriters(new ArrayList<>());

    Results results = runner.execute();

    List<String> found = new ArrayList<>();
    collect(results, found);
    assertThat(found).as("CodeNarc violations").isEmpty();
    assertThat(results.getTotalNumberOfFiles(true)).isGreaterThan(10);
  }

  private static void collect(Results results, List<String> found) {
    if (results.isFile()) {
      for (Object v : results.getViolations()) {
        Violation violation = (Violation) v;
        found.add(
            results.getPath()
                + ":"
                + violation.getLineNumber()
                + " "
                + violation.getRule().getName()
                + ": "
                + violation.getMessage());
      }
    }
    for (Object child : results.getChildren()) {
      collect((Results) child, found);
    }
  }
}
