package dev.baton.core.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The cgroup v2 this process is in, when it may make child cgroups with the {@code memory} and
 * {@code cpu} controllers: each attempt with enforced limits gets one ({@link StepCgroup}).
 *
 * @param dir this process's cgroup directory
 */
public record CgroupV2(Path dir) {
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** Whether cgroup v2 limits can be set here; if not, why (for the advisory notice). */
  public record Probe(@Nullable CgroupV2 cgroup, String why) {
    public Optional<CgroupV2> available() {
      return Optional.ofNullable(cgroup);
    }
  }

  /** This machine's answer: {@code /sys/fs/cgroup} (or its {@code unified} mount, hybrid). */
  public static Probe probe() {
    return probe(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
  }

  /**
   * @param mount where cgroupfs is mounted
   * @param selfCgroup {@code /proc/self/cgroup}, whose {@code 0::PATH} line names our cgroup v2
   */
  static Probe probe(Path mount, Path selfCgroup) {
    Path root = mount;
    if (!Files.isRegularFile(root.resolve("cgroup.controllers"))) {
      root = mount.resolve("unified"); // a hybrid set-up: v1 controllers, v2 beside them
      if (!Files.isRegularFile(root.resolve("cgroup.controllers"))) {
        return new Probe(null, "no cgroup v2 is mounted at " + mount);
      }
    }
    String self;
    try {
      self =
          Files.readAllLines(selfCgroup, StandardCharsets.UTF_8).stream()
              .filter(l -> l.startsWith("0::"))
              .map(l -> l.substring(3))
              .findFirst()
              .orElse("");
    } catch (IOException e) {
      return new Probe(null, "cannot read " + selfCgroup + " (" + e.getMessage() + ")");
    }
    if (self.isEmpty()) {
      return new Probe(null, "this process is in no cgroup v2 (" + selfCgroup + ")");
    }
    Path dir = root.resolve(self.substring(1)).normalize();
    Set<String> offered = words(dir.resolve("cgroup.controllers"));
    if (!offered.contains("memory") || !offered.contains("cpu")) {
      return new Probe(
          null,
          "the cgroup v2 "
              + dir
              + " offers the controllers ["
              + String.join(" ", offered)
              + "], not memory and cpu");
    }
    Set<String> delegated = words(dir.resolve("cgroup.subtree_control"));
    if (!delegated.contains("memory") || !delegated.contains("cpu")) {
      try {
        Files.writeString(dir.resolve("cgroup.subtree_control"), "+memory +cpu");
      } catch (IOException e) {
        return new Probe(
            null,
            "cannot enable memory and cpu for child cgroups of "
                + dir
                + " ("
                + e.getMessage()
                + "; a systemd service needs Delegate=yes)");
      }
    }
    if (!Files.isWritable(dir)) {
      return new Probe(null, "cannot make child cgroups in " + dir);
    }
    return new Probe(new CgroupV2(dir), "");
  }

  /**
   * A new child cgroup for one attempt, with {@code memory.max} and {@code cpu.max} set (0: no
   * limit of that kind).
   */
  public StepCgroup child(String name, long memoryBytes, int cpus) throws IOException {
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    Path child =
        dir.resolve(
            "baton-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet() + "-" + safe);
    Files.createDirectory(child);
    StepCgroup cgroup = new StepCgroup(child);
    try {
      if (memoryBytes > 0) {
        Files.writeString(child.resolve("memory.max"), Long.toString(memoryBytes));
        // without swap the limit is the memory the step can use, not a point where it starts to
        // swap
        Path swap = child.resolve("memory.swap.max");
        if (Files.exists(swap)) {
          Files.writeString(swap, "0");
        }
      }
      if (cpus > 0) {
        Files.writeString(child.resolve("cpu.max"), (cpus * 100_000L) + " 100000");
      }
    } catch (IOException e) {
      cgroup.remove();
      throw e;
    }
    return cgroup;
  }

  private static Set<String> words(Path file) {
    try {
      return Set.copyOf(
          List.of(Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+")));
    } catch (IOException e) {
      return Set.of();
    }
  }
}
