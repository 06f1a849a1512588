package dev.baton.it.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.record.BatonBuild;
import dev.baton.it.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives that {@code ./mvnw package} makes (distribution/), as a user gets them:
 * unpacked into a folder outside the repository, run with nothing but {@code JAVA_HOME} (no java
 * and no Maven on {@code PATH}, a home folder of their own).
 */
class DistributionTest {
  private static final String VERSION = BatonBuild.current().version();
  private static final Path TARGET = CliRun.REPO.resolve("distribution/target");
  private static final String TOP = "baton-" + VERSION + "/";

  @TempDir Path tmp;

  @Test
  void theUnpackedTarballRunsTheQuickstartWithOnlyJavaHome() throws Exception {
    Path archive = TARGET.resolve("baton-" + VERSION + ".tar.gz");
    assertThat(archive).as("./mvnw package makes it").isRegularFile();
    Path install = Files.createDirectories(tmp.resolve("opt"));
    assertThat(run(install, List.of("tar", "xzf", archive.toString())).exit).isZero();
    Path home = install.resolve("baton-" + VERSION);
    Path quickstart = home.resolve("examples/quickstart");

    Result version = baton(home, tmp, "--version");
    Result quick = baton(home, quickstart, "run", "baton.yaml", "--report-dir", "out");

    assertThat(version.exit).as(version.output).isZero();
    assertThat(version.output).contains("baton " + BatonBuild.current().describe());
    assertThat(quick.exit).as(quick.output).isZero();
    JsonNode record = new ObjectMapper().readTree(quickstart.resolve("out/run.json").toFile());
    assertThat(record.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(record.get("baton").get("version").asText()).isEqualTo(VERSION);
    // The start-up cache was made on first use in the user's cache folder, not the install.
    try (Stream<Path> cached = Files.walk(tmp.resolve("home/.cache/baton"))) {
      assertThat(cached.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.matches("baton-cli-\\d+\\.(aot|jsa)"));
    }
  }

  @Test
  void theZipHoldsWhatTheTarballHoldsWithAnExecutableLauncher() throws Exception {
    Path zip = TARGET.resolve("baton-" + VERSION + ".zip");
    Set<String> names = new TreeSet<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      z.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).forEach(names::add);
    }
    Result list =
        run(tmp, List.of("tar", "tzf", TARGET.resolve("baton-" + VERSION + ".tar.gz").toString()));
    Set<String> inTar = new TreeSet<>();
    list.output.lines().filter(l -> !l.endsWith("/")).forEach(inTar::add);

    assertThat(names)
        .contains(TOP + "bin/baton", TOP + "lib/baton-cli.jar", TOP + "README.md")
        .contains(TOP + "examples/quickstart/baton.yaml");
    assertThat(names).isEqualTo(inTar);
    Result modes =
        run(
            tmp,
            List.of(
                "tar",
                "tvzf",
                TARGET.resolve("baton-" + VERSION + ".tar.gz").toString(),
                TOP + "bin/baton"));
    assertThat(modes.output).startsWith("-rwxr-xr-x");
  }

  /**
   * bin/baton with JAVA_HOME, HOME inside {@code tmp}, and a PATH of the system's commands less
   * Java's and Maven's.
   */
  private Result baton(Path home, Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/baton").toString()));
    command.addAll(List.of(args));
    Path userHome = Files.createDirectories(tmp.resolve("home"));
    return run(
        dir,
        command,
        Map.of(
            "JAVA_HOME", System.getProperty("java.home"),
            "PATH", pathWithoutJavaOrMaven().toString(),
            "HOME", userHome.toString()));
  }

  /** A folder of links to the commands of /usr/bin and /bin, less a JDK's tools and mvn. */
  private Path pathWithoutJavaOrMaven() throws IOException {
    Path bin = tmp.resolve("path");
    if (Files.isDirectory(bin)) {
      return bin;
    }
    Files.createDirectories(bin);
    for (String dir : List.of("/usr/bin", "/bin")) {
      try (Stream<Path> commands = Files.list(Path.of(dir))) {
        for (Path c : (Iterable<Path>) commands::iterator) {
          String name = c.getFileName().toString();
          Path real;
          try {
            real = c.toRealPath();
          } catch (IOException dangling) {
            continue;
          }
          boolean javaOrMaven =
              real.startsWith("/usr/lib/jvm") || name.startsWith("mvn") || name.startsWith("java");
          if (!javaOrMaven && !Files.exists(bin.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(bin.resolve(name), real);
          }
        }
      }
    }
    return bin;
  }

  private static Result run(Path dir, List<String> command) throws Exception {
    return run(dir, command, null);
  }

  private static Result run(Path dir, List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.redirectErrorStream(true);
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Path out = Files.createTempFile("baton-dist", ".out");
    try {
      Process p = pb.redirectOutput(out.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private record Result(int exit, String output) {}
}
