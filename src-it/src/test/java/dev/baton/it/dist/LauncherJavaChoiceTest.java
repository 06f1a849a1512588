package dev.baton.it.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.it.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Java the distribution's launcher (distribution/src/bin/baton) runs, chosen with the shell's
 * own commands: its install laid out in a temporary folder (bin/baton, lib/baton-cli.jar), run by
 * the system's /bin/sh with nothing but the variables each test gives it.
 */
class LauncherJavaChoiceTest {
  @TempDir Path tmp;
  Path launcher;

  @BeforeEach
  void anInstall() throws IOException {
    Path install = tmp.resolve("baton");
    launcher = Files.createDirectories(install.resolve("bin")).resolve("baton");
    Files.copy(CliRun.REPO.resolve("distribution/src/bin/baton"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(install.resolve("lib"));
    Files.copy(
        CliRun.REPO.resolve("baton-cli/target/baton-cli.jar"),
        install.resolve("lib/baton-cli.jar"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void batonJavaNamingALinkToJavaRunsThatJava() throws Exception {
    // A link, as /usr/bin/java is: its JDK is found through it (the launcher used to stop there,
    // with status 2 and no word, under dash).
    Path link =
        Files.createSymbolicLink(
            tmp.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));

    Result version = baton(Map.of("BATON_JAVA", link.toString(), "PATH", "/usr/bin:/bin"));

    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).contains("baton ");
  }

  @Test
  void theNewestJavaIsChosenThroughTheLinkOnPath() throws Exception {
    // A JDK outside the folders the launcher looks in, reached through a link on PATH (as sdkman's
    // "current" is): newer than JAVA_HOME, so it runs Baton.
    Path jdk = Files.createDirectories(tmp.resolve("jdk-99/bin"));
    Files.writeString(
        jdk.resolveSibling("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"99.0.1\"\n");
    Path fake = jdk.resolve("java");
    Files.writeString(fake, "#!/bin/sh\necho \"java 99 ran: $*\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path onPath = Files.createDirectories(tmp.resolve("path"));
    Files.createSymbolicLink(onPath.resolve("java"), fake);

    Result run =
        baton(
            Map.of(
                "JAVA_HOME", System.getProperty("java.home"), "PATH", onPath + ":/usr/bin:/bin"));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("java 99 ran:").contains("-jar").contains("--version");
  }

  private Result baton(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "--version"));
    pb.redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    Path out = tmp.resolve("out.txt");
    Process p = pb.redirectOutput(out.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the launcher did not finish in 5 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String output) {}
}
