package dev.baton.core.history;

import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one test class, from Debian's binaries ({@code
 * /usr/lib/postgresql/N/bin}): initdb on a temporary directory, started by pg_ctl on a free port,
 * trust authentication on 127.0.0.1; as the {@code postgres} user when the tests run as root
 * (PostgreSQL refuses to run as root). .ci/run installs the package.
 */
public final class TestPostgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private TestPostgres(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  static Optional<Path> binaries() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Starts a server; the test skips (fails under CI) when PostgreSQL is not installed. */
  public static TestPostgres start() throws Exception {
    Optional<Path> bin = binaries();
    RequiredTool.require(
        bin.isPresent(), "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb)");
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("baton-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TestPostgres pg = new TestPostgres(bin.get(), dir, port, root);
    pg.run(
        "initdb",
        "-D",
        dir.resolve("data").toString(),
        "-U",
        "baton",
        "--auth=trust",
        "-E",
        "UTF8");
    pg.run(
        "pg_ctl",
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("log.txt").toString(),
        "-w",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
        "start");
    return pg;
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return "baton";
  }

  private void run(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (asPostgres) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(tool + " failed: " + out);
    }
  }

  @Override
  public void close() throws Exception {
    run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
  }
}
