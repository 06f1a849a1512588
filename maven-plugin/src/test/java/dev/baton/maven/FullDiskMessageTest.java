package dev.baton.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Maven user whose reports cannot be written is told the Maven way to choose another directory
 * ({@code -Dbaton.reportDir}), never the command line's {@code --report-dir}: baton:run in a child
 * JVM on a genuinely full disk (a tiny tmpfs in a private mount namespace) and under a file size
 * limit.
 */
class FullDiskMessageTest {
  @TempDir Path dir;

  private Path descriptor() throws IOException {
    StringBuilder yaml = new StringBuilder("version: 1\nname: reports\nsteps:\n");
    for (int i = 0; i < 12; i++) {
      yaml.append("  step-").append(i).append(": {run: 'true'}\n");
    }
    return Files.writeString(dir.resolve("baton.yaml"), yaml.toString());
  }

  private String child() {
    return "'"
        + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -cp '"
        + System.getProperty("java.class.path")
        + "' "
        + RunMojoInChild.class.getName();
  }

  private Run shell(String script) throws Exception {
    Path output = dir.resolve("output.txt");
    Process p =
        new ProcessBuilder("bash", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    // A run that never ends is a failure of its own, not a test that never ends.
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("baton:run did not end in 2 minutes:\n" + Files.readString(output));
    }
    return new Run(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}

  @Test
  void aFullDiskNamesTheMavenPropertyForTheReportDirectory() throws Exception {
    Path yaml = descriptor();
    Path mount = Files.createDirectories(dir.resolve("disk"));
    String script =
        String.join(
            "\n",
            "set -u",
            "mount -t tmpfs -o size=1m baton-test '" + mount + "' || exit 97",
            "dd if=/dev/zero of='" + mount + "/filler' bs=4k > /dev/null 2>&1",
            child() + " '" + yaml + "' '" + mount + "/r'");
    Run run = shell("unshare -rm bash -c " + quote(script));
    RequiredTool.cannotRunHere(
        run.exitCode() != 97 && !run.output().startsWith("unshare:"),
        "cannot mount a tmpfs in a private user and mount namespace here (unshare -rm): "
            + run.output().strip());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("No space left on device")
        .contains("-Dbaton.reportDir")
        .doesNotContain("--report-dir")
        .doesNotContain("\tat ");
  }

  @Test
  void aFileSizeLimitNamesTheMavenPropertyForTheReportDirectory() throws Exception {
    Path yaml = descriptor();
    assertThat(shell(child() + " '" + yaml + "' r").exitCode()).isZero();
    assertThat(Files.size(dir.resolve("r/run.json"))).isGreaterThan(2048);

    Run run = shell("ulimit -f 2; " + child() + " '" + yaml + "' r");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("File too large")
        .contains("raise the file size limit (ulimit -f) or choose another -Dbaton.reportDir")
        .doesNotContain("--report-dir")
        .doesNotContain("\tat ");
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
