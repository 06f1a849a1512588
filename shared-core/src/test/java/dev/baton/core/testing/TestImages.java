package dev.baton.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Container images for tests, built on this machine (no registry is needed): {@code FROM scratch}
 * with the static busybox of Debian's {@code busybox-static} as {@code /bin/sh} and its applets.
 *
 * <p>podman is run with the {@code containers.conf} named by {@code CONTAINERS_CONF} or, when that
 * is unset and {@code runc} is installed, one written here that works in unprivileged sandboxes
 * (runc, cgroupfs, no default ulimits); {@link #environment()} is what a Baton process the test
 * starts needs to see the same.
 */
public final class TestImages {
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final String CONF =
      """
      [containers]
      default_ulimits = []
      [engine]
      runtime = "runc"
      cgroup_manager = "cgroupfs"
      """;
  private static final List<String> APPLETS =
      List.of(
          "sh", "sleep", "true", "false", "echo", "cat", "id", "ls", "touch", "test", "[", "stat",
          "env", "printf", "rm", "mkdir", "seq", "date", "wc", "grep");

  private TestImages() {}

  /** Skips (fails under CI) unless podman runs containers and busybox-static is installed. */
  public static void require() {
    RequiredTool.require(
        which("podman") != null,
        "podman is not installed (apt-get install podman runc; .ci/run does)");
    RequiredTool.require(
        Files.isExecutable(BUSYBOX) && isStatic(),
        "a static /bin/busybox is missing (apt-get install busybox-static; .ci/run does)");
  }

  /** The variables a Baton process needs to run podman as these tests do. */
  public static Map<String, String> environment() {
    String set = System.getenv("CONTAINERS_CONF");
    if (set != null && !set.isEmpty()) {
      return Map.of("CONTAINERS_CONF", set);
    }
    if (which("runc") == null) {
      return Map.of();
    }
    try {
      Path conf = Path.of(System.getProperty("java.io.tmpdir"), "baton-test-containers.conf");
      if (!Files.exists(conf) || !Files.readString(conf).equals(CONF)) {
        Path tmp = Files.createTempFile(conf.getParent(), "baton-conf", ".tmp");
        Files.writeString(tmp, CONF);
        Files.move(tmp, conf, StandardCopyOption.ATOMIC_MOVE);
      }
      return Map.of("CONTAINERS_CONF", conf.toString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the test containers.conf: " + e, e);
    }
  }

  /**
   * Builds image {@code tag} (such as {@code localhost/baton-test-a:latest}) holding busybox and
   * the file {@code /etc/baton-image} with {@code marker} in it; a new marker under the same tag is
   * a rebuilt image with another id. Returns the image id.
   */
  public static String build(String tag, String marker, Path scratch) throws IOException {
    Path context = Files.createTempDirectory(scratch, "image");
    Path bin = Files.createDirectories(context.resolve("rootfs/bin"));
    Files.createDirectories(context.resolve("rootfs/etc"));
    Files.createDirectories(context.resolve("rootfs/tmp"));
    Files.copy(BUSYBOX, bin.resolve("busybox"));
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Files.writeString(context.resolve("rootfs/etc/baton-image"), marker + "\n");
    Files.writeString(
        context.resolve("Containerfile"), "FROM scratch\nCOPY rootfs/ /\nCMD [\"/bin/sh\"]\n");
    podman("build", "-q", "-t", tag, context.toString());
    return podman("image", "inspect", "--format", "{{.Id}}", tag).strip();
  }

  /** Names of the containers (running or not) whose name contains {@code part}. */
  public static List<String> containers(String part) {
    List<String> out = new ArrayList<>();
    for (String line : podman("ps", "-a", "--format", "{{.Names}}").split("\n", -1)) {
      if (!line.isBlank() && line.contains(part)) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** Runs podman with the test configuration; its output, or an assertion error. */
  public static String podman(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("podman");
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("podman", ".out");
      try {
        ProcessBuilder pb =
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(environment());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", cmd) + " did not end in 5 minutes");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new AssertionError(String.join(" ", cmd) + " failed:\n" + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run podman: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static boolean isStatic() {
    // A dynamically linked ELF has a PT_INTERP program header (its loader); a static one has none.
    try {
      ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(BUSYBOX)).order(ByteOrder.LITTLE_ENDIAN);
      if (elf.getInt(0) != 0x464c457f || elf.get(4) != 2) {
        return false;
      }
      long phoff = elf.getLong(0x20);
      int phentsize = Short.toUnsignedInt(elf.getShort(0x36));
      int phnum = Short.toUnsignedInt(elf.getShort(0x38));
      for (int i = 0; i < phnum; i++) {
        if (elf.getInt((int) phoff + i * phentsize) == 3) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static @Nullable String which(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Path.of(dir, program).toString();
      }
    }
    return null;
  }
}
