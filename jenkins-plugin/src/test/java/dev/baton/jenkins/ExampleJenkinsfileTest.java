package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.RequiredTool;
import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.LibraryClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/jenkins/Jenkinsfile compiles as Jenkins compiles it and runs against this repository.
 */
class ExampleJenkinsfileTest {
  static final Path REPO = Testbed.LIBRARY.getParent();
  static final Path JENKINSFILE = REPO.resolve("examples/jenkins/Jenkinsfile");

  @TempDir Path tmp;

  @Test
  void compilesOnGroovy24PlainAndCps() throws IOException {
    String text = Files.readString(JENKINSFILE);
    new LibraryClasses(Testbed.LIBRARY, false).compileScript(text, "Jenkinsfile");
    new LibraryClasses(Testbed.LIBRARY, true).compileScript(text, "Jenkinsfile");
  }

  @Test
  void runsEveryPipelineItNamesOnTheThreeAgents() throws Exception {
    String cli = Testbed.cliCommand();
    // The tabular model builds a Maven project and trains a model on every agent it lands on:
    // minutes of work, so this runs only when asked for.
    RequiredTool.onlyWhenAsked(
        Boolean.getBoolean("baton.jenkins.tabular"),
        "runs the whole tabular-model example through the library; enable with"
            + " -Dbaton.jenkins.tabular=true");
    Path checkout = tmp.resolve("repo");
    copyDescriptorsAndScripts(REPO.resolve("examples"), checkout.resolve("examples"));
    // The tabular model builds itself with the repository's Maven wrapper (../../mvnw).
    copyDescriptorsAndScripts(REPO.resolve(".mvn"), checkout.resolve(".mvn"));
    Files.copy(REPO.resolve("mvnw"), checkout.resolve("mvnw"), StandardCopyOption.COPY_ATTRIBUTES);

    BuildRun build =
        Testbed.threeAgents(tmp.resolve("jenkins"), cli)
            .scm(checkout)
            .install("publishHTML")
            .run(Files.readString(JENKINSFILE));

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    PipelineChecks.assertReportsPublished(build, "reports/quickstart");
    PipelineChecks.assertReportsPublished(build, "reports/tabular-model");
  }

  /** The examples without their build output, as a fresh clone has them. */
  private static void copyDescriptorsAndScripts(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = from.relativize(file);
        if (Files.isRegularFile(file)
            && !relative.toString().matches("(.*/)?(build|target|\\.baton)/.*")) {
          Files.createDirectories(to.resolve(relative).getParent());
          Files.copy(file, to.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
