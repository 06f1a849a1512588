package dev.baton.core.exec.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The user and group Baton runs as, read from {@code /proc/self} (owned by them). */
final class CallerIds {
  private static final Path SELF = Path.of("/proc/self");

  private CallerIds() {}

  static long uid() {
    return id("unix:uid");
  }

  static long gid() {
    return id("unix:gid");
  }

  private static long id(String attribute) {
    try {
      return ((Number) Files.getAttribute(SELF, attribute)).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // Not Linux: Docker Desktop and podman machine map ids themselves.
      return 0;
    }
  }
}
