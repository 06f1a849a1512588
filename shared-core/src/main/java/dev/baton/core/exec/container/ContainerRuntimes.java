package dev.baton.core.exec.container;

import dev.baton.core.descriptor.ContainerSpec.RuntimeKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Finds the program of a container runtime on the PATH. */
final class ContainerRuntimes {
  /** What {@code auto} tries, in order. */
  static final List<RuntimeKind> AUTO_ORDER =
      List.of(RuntimeKind.PODMAN, RuntimeKind.DOCKER, RuntimeKind.APPTAINER);

  private ContainerRuntimes() {}

  /** A runtime found on this machine: which one, and its program's path. */
  record Found(RuntimeKind kind, String program) {}

  /** The runtime {@code wanted} names ({@code auto}: the first found), or empty. */
  static Optional<Found> find(RuntimeKind wanted, @Nullable String path) {
    List<RuntimeKind> candidates = wanted == RuntimeKind.AUTO ? AUTO_ORDER : List.of(wanted);
    for (RuntimeKind r : candidates) {
      String program = search(r.word(), path);
      if (program == null && r == RuntimeKind.APPTAINER) {
        program = search("singularity", path);
      }
      if (program != null) {
        return Optional.of(new Found(r, program));
      }
    }
    return Optional.empty();
  }

  /** Says what to install when {@link #find} found nothing. */
  static String missing(RuntimeKind wanted) {
    if (wanted == RuntimeKind.AUTO) {
      return "no container runtime found on PATH (looked for podman, docker, apptainer); install"
          + " one (such as the podman package) or add its directory to PATH";
    }
    return "container runtime '"
        + wanted.word()
        + "' not found on PATH; install "
        + switch (wanted) {
          case PODMAN -> "podman (Debian/Ubuntu: the podman package)";
          case DOCKER -> "Docker Engine (docker-ce) and start its daemon";
          case APPTAINER -> "apptainer";
          case AUTO -> "one";
        }
        + ", add its directory to PATH, or choose another runtime with 'runtime:'";
  }

  private static @Nullable String search(String program, @Nullable String path) {
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
