package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import dev.baton.jenkins.runtime.TestAgent;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the CLI reaches agents out of the box: with nothing configured the launcher fetches the CLI
 * jar with {@code mvn dependency:copy} once per agent; {@code cli:} overrides; a missing Maven is
 * reported with the fix. Maven itself is a stand-in here that copies the jar baton-cli built.
 */
class CliResolutionTest {
  static final String DESCRIPTOR =
      "version: 1\nname: two\nsteps:\n  a:\n    run: echo a\n  b:\n    run: echo b\n";
  static final String FAKE_MVN =
      """
      #!/bin/bash
      # Stands in for Maven: records its arguments, then "resolves" the artifact by copying.
      echo "$*" >> "$MVN_LOG"
      for arg in "$@"; do
        case "$arg" in
          -Dartifact=*) artifact="${arg#-Dartifact=}" ;;
          -DoutputDirectory=*) out="${arg#-DoutputDirectory=}" ;;
        esac
      done
      IFS=: read -r group id version type classifier <<< "$artifact"
      cp "$CLI_JAR" "$out/$id-$version${classifier:+-$classifier}.jar"
      """;

  @TempDir Path tmp;

  @Test
  void fetchesTheCliJarWithMavenOncePerAgentWhenNothingIsConfigured() throws Exception {
    Testbed.cliCommand();
    Path bin = Testbed.project(tmp.resolve("tools"), Map.of("bin/mvn", FAKE_MVN)).resolve("bin");
    bin.resolve("mvn").toFile().setExecutable(true);
    Path mvnLog = tmp.resolve("mvn.log");
    TestAgent agent =
        TestAgent.of("linux-1", "linux", 2, 0)
            .withEnv("PATH+MAVEN", bin.toString())
            .withEnv("MVN_LOG", mvnLog.toString())
            .withEnv("CLI_JAR", Testbed.cliJar().toString())
            .withEnv("BATON_CLI_CACHE", tmp.resolve("cache").toString());
    RecordingPipelineRuntime runtime =
        new RecordingPipelineRuntime(tmp.resolve("jenkins"))
            .library(Testbed.LIBRARY)
            .agent(agent)
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", DESCRIPTOR)));

    BuildRun build = runtime.run("@Library('baton') _\nbaton file: 'baton.yaml'\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    List<String> fetches = Files.readAllLines(mvnLog);
    assertThat(fetches).hasSize(1);
    assertThat(fetches.get(0))
        .contains(
            "dependency:copy",
            "-Dartifact=dev.baton:baton-cli:" + Testbed.projectVersion() + ":jar");
    assertThat(tmp.resolve("cache/baton-cli-" + Testbed.projectVersion() + ".jar")).exists();
    assertThat(PipelineChecks.stepCalls(build)).containsOnlyKeys("a", "b");
  }

  @Test
  void aSnapshotCheckedLongerAgoThanItsMaxAgeIsCheckedAgainAndAReleaseNever() throws Exception {
    Testbed.cliCommand();
    Path bin = Testbed.project(tmp.resolve("tools"), Map.of("bin/mvn", FAKE_MVN)).resolve("bin");
    bin.resolve("mvn").toFile().setExecutable(true);
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path snapshot = cache.resolve("baton-cli-1.2.0-SNAPSHOT.jar");
    Path release = cache.resolve("baton-cli-1.1.0.jar");
    Files.copy(Testbed.cliJar(), snapshot);
    Files.copy(Testbed.cliJar(), release);
    FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    Path lastCheck = Files.createFile(cache.resolve("baton-cli-1.2.0-SNAPSHOT.jar.checked"));
    Files.setLastModifiedTime(lastCheck, twoHoursAgo);
    Files.setLastModifiedTime(release, FileTime.from(Instant.now().minus(Duration.ofDays(400))));
    Path mvnLog = tmp.resolve("mvn.log");
    TestAgent agent =
        TestAgent.of("linux-1", "linux", 2, 0)
            .withEnv("PATH+MAVEN", bin.toString())
            .withEnv("MVN_LOG", mvnLog.toString())
            .withEnv("CLI_JAR", Testbed.cliJar().toString())
            .withEnv("BATON_CLI_CACHE", cache.toString());
    RecordingPipelineRuntime runtime =
        new RecordingPipelineRuntime(tmp.resolve("jenkins"))
            .library(Testbed.LIBRARY)
            .agent(agent)
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", DESCRIPTOR)));

    BuildRun snapshotBuild =
        runtime.run("@Library('baton') _\nbaton cliVersion: '1.2.0-SNAPSHOT'\n");
    BuildRun releaseBuild = runtime.run("@Library('baton') _\nbaton cliVersion: '1.1.0'\n");

    assertThat(snapshotBuild.result()).as(snapshotBuild.log()).isEqualTo("SUCCESS");
    assertThat(releaseBuild.result()).as(releaseBuild.log()).isEqualTo("SUCCESS");
    assertThat(Files.readAllLines(mvnLog))
        .singleElement()
        .asString()
        .contains("-U", "-Dartifact=dev.baton:baton-cli:1.2.0-SNAPSHOT:jar");
    assertThat(Files.getLastModifiedTime(lastCheck)).isGreaterThan(twoHoursAgo);
  }

  @Test
  void aSnapshotIsReplacedOnlyWhenTheRepositorysJarHasAnotherChecksum() throws Exception {
    Testbed.cliCommand();
    Path bin = Testbed.project(tmp.resolve("tools"), Map.of("bin/mvn", FAKE_MVN)).resolve("bin");
    bin.resolve("mvn").toFile().setExecutable(true);
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path snapshot = cache.resolve("baton-cli-1.2.0-SNAPSHOT.jar");
    Files.copy(Testbed.cliJar(), snapshot);
    // The repository's jar: the same as the cached one first, another one later.
    Path remote = tmp.resolve("remote.jar");
    Files.copy(Testbed.cliJar(), remote);
    FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(3)));
    Files.setLastModifiedTime(snapshot, longAgo);
    Path mvnLog = tmp.resolve("mvn.log");
    TestAgent agent =
        TestAgent.of("linux-1", "linux", 2, 0)
            .withEnv("PATH+MAVEN", bin.toString())
            .withEnv("MVN_LOG", mvnLog.toString())
            .withEnv("CLI_JAR", remote.toString())
            .withEnv("BATON_SNAPSHOT_MAX_AGE", "0")
            .withEnv("BATON_CLI_CACHE", cache.toString());
    RecordingPipelineRuntime runtime =
        new RecordingPipelineRuntime(tmp.resolve("jenkins"))
            .library(Testbed.LIBRARY)
            .agent(agent)
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", DESCRIPTOR)));
    String pipeline = "@Library('baton') _\nbaton cliVersion: '1.2.0-SNAPSHOT'\n";

    BuildRun unchanged = runtime.run(pipeline);
    FileTime afterUnchanged = Files.getLastModifiedTime(snapshot);
    // A rebuilt SNAPSHOT: one more entry makes another checksum, the jar still runs.
    try (var jar = FileSystems.newFileSystem(remote)) {
      Files.writeString(jar.getPath("rebuilt.txt"), "another build");
    }
    BuildRun changed = runtime.run(pipeline);

    assertThat(unchanged.result()).as(unchanged.log()).isEqualTo("SUCCESS");
    assertThat(changed.result()).as(changed.log()).isEqualTo("SUCCESS");
    // BATON_SNAPSHOT_MAX_AGE=0: every call of the CLI (the plan, each step) checks.
    assertThat(Files.readAllLines(mvnLog)).hasSizeGreaterThan(2).allMatch(l -> l.contains("-U"));
    assertThat(afterUnchanged).as("the same checksum keeps the cached jar").isEqualTo(longAgo);
    assertThat(unchanged.log()).doesNotContain("changed in the repository");
    assertThat(changed.log()).contains("baton-cli:1.2.0-SNAPSHOT:jar changed in the repository");
    assertThat(Files.mismatch(snapshot, remote)).isEqualTo(-1L);
  }

  @Test
  void cliArgumentRunsTheGivenCommandOnEveryAgent() throws Exception {
    String cli = Testbed.cliCommand();
    RecordingPipelineRuntime runtime =
        new RecordingPipelineRuntime(tmp.resolve("jenkins"))
            .library(Testbed.LIBRARY)
            .agent(TestAgent.of("linux-1", "linux", 2, 0).withEnv("BATON_MVN", "/nonexistent/mvn"))
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", DESCRIPTOR)));

    BuildRun build =
        runtime.run(
            "@Library('baton') _\nbaton file: 'baton.yaml', cli: \""
                + cli.replace("'", "")
                + "\"\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(PipelineChecks.stepCalls(build)).containsOnlyKeys("a", "b");
  }

  @Test
  void agentWithoutCliOrMavenFailsWithTheFix() throws Exception {
    RecordingPipelineRuntime runtime =
        new RecordingPipelineRuntime(tmp.resolve("jenkins"))
            .library(Testbed.LIBRARY)
            .agent(TestAgent.of("linux-1", "linux", 1, 0).withEnv("BATON_MVN", "/nonexistent/mvn"))
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", DESCRIPTOR)));

    BuildRun build = runtime.run("@Library('baton') _\nbaton file: 'baton.yaml'\n");

    assertThat(build.result()).isEqualTo("FAILURE");
    assertThat(build.log())
        .contains("no Baton CLI on agent linux-1")
        .contains("set BATON_CLI (e.g. 'java -jar /opt/baton/baton-cli.jar')");
    assertThat(build.error()).contains("could not plan baton.yaml (infrastructure error");
  }
}
