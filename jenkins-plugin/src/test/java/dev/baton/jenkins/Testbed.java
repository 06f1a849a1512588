package dev.baton.jenkins;

import dev.baton.core.testing.RequiredTool;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import dev.baton.jenkins.runtime.TestAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * What the library tests share: the Baton CLI built by baton-cli, a project directory that {@code
 * checkout scm} copies, and the three agents of the acceptance criteria.
 */
final class Testbed {
  /** Where the library lives: this module's directory (surefire's working directory). */
  static final Path LIBRARY = Path.of("").toAbsolutePath();

  private static Path cliCopy;

  private Testbed() {}

  /**
   * How agents run the CLI: {@code java -jar} of the jar named by {@code -Dbaton.cliJar} (by
   * default baton-cli/target/baton-cli.jar, which a reactor build makes first: this module depends
   * on it). Without it the test fails under CI and skips elsewhere.
   */
  static synchronized String cliCommand() throws IOException {
    Path jar = cliJar();
    RequiredTool.require(
        Files.isRegularFile(jar),
        "the Baton CLI jar "
            + jar
            + " is missing: build it with ./mvnw -B -o -q -pl baton-cli -am package -DskipTests");
    if (cliCopy == null) {
      // A private copy: a rebuild of baton-cli while the tests run must not swap the jar mid-run.
      cliCopy = Files.createTempFile("baton-cli-under-test", ".jar");
      cliCopy.toFile().deleteOnExit();
      Files.copy(jar, cliCopy, StandardCopyOption.REPLACE_EXISTING);
    }
    // Client VM flags: the CLI starts once per step, on machines with few cores.
    return "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar '" + cliCopy + "'";
  }

  static Path cliJar() {
    String configured = System.getProperty("baton.cliJar");
    return configured != null
        ? Path.of(configured)
        : LIBRARY.resolve("../baton-cli/target/baton-cli.jar").normalize();
  }

  /** The version of this build (the pom's), which surefire passes as baton.projectVersion. */
  static String projectVersion() {
    String version = System.getProperty("baton.projectVersion");
    if (version == null) {
      throw new AssertionError("run the tests with Maven: -Dbaton.projectVersion is not set");
    }
    return version;
  }

  /**
   * Fails the test when the core of this build cannot plan the test's descriptor: the library and
   * the core ship together, so a descriptor the library is tested with that the core refuses is a
   * defect of one of them, never a reason to skip.
   */
  static void requirePlans(Path project, String cli) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("bash", "-c", cli + " plan baton.yaml --format json")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError(
          "the Baton core of this build cannot plan the test descriptor: " + output);
    }
  }

  /** The agents of the acceptance criteria: linux; gpu a100 with 2 GPUs; gpu h100 with 4. */
  static RecordingPipelineRuntime threeAgents(Path root, String cli) {
    return new RecordingPipelineRuntime(root)
        .library(LIBRARY)
        .agent(TestAgent.of("linux-1", "linux", 2, 0).withEnv("BATON_CLI", cli))
        .agent(TestAgent.of("a100-1", "gpu a100", 3, 2).withEnv("BATON_CLI", cli))
        .agent(TestAgent.of("h100-1", "gpu h100", 4, 4).withEnv("BATON_CLI", cli));
  }

  /** A project directory holding {@code files} (path to content); scripts become executable. */
  static Path project(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
      if (file.getKey().endsWith(".sh")) {
        path.toFile().setExecutable(true);
      }
    }
    return dir;
  }

  /** A copy of examples/quickstart (descriptor and scripts only, none of its build output). */
  static Path quickstart(Path dir) throws IOException {
    Path source = LIBRARY.resolve("../examples/quickstart").normalize();
    if (!Files.isRegularFile(source.resolve("baton.yaml"))) {
      throw new AssertionError(source + "/baton.yaml is missing: the tests run in a checkout");
    }
    Files.createDirectories(dir.resolve("scripts"));
    Files.copy(source.resolve("baton.yaml"), dir.resolve("baton.yaml"));
    try (var scripts = Files.list(source.resolve("scripts"))) {
      for (Path script : (Iterable<Path>) scripts::iterator) {
        Files.copy(script, dir.resolve("scripts").resolve(script.getFileName()));
      }
    }
    return dir;
  }
}
