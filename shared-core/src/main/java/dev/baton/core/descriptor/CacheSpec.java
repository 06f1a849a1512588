package dev.baton.core.descriptor;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A step's {@code cache}, {@code inputs} and {@code outputs}, as written.
 *
 * @param enabled {@code cache: true}: skip the step when its key matches a stored entry
 * @param inputs paths, directories or globs relative to the workspace whose contents the key covers
 * @param outputs files or directories relative to the workspace that an entry keeps and restores
 */
public record CacheSpec(boolean enabled, List<String> inputs, List<String> outputs) {
  public static final CacheSpec NONE = new CacheSpec(false, List.of(), List.of());
  private static final String GLOB_CHARS = "*?[{";

  public CacheSpec {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * Why {@code text} is not a relative path inside the workspace (outside {@code .baton/}), or
   * empty when it is one; {@code pattern} allows glob characters.
   */
  public static Optional<String> pathProblem(String written, boolean pattern) {
    // ${{ }} values are checked again once substituted, when the step runs.
    String text = written.replaceAll("\\$\\{\\{.*?}}", "x");
    if (text.isBlank()) {
      return Optional.of("is empty");
    }
    if (!pattern && text.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0)) {
      return Optional.of("is a pattern; outputs must be plain files or directories");
    }
    if (text.startsWith("/") || text.startsWith("\\") || text.matches("^[A-Za-z]:.*")) {
      return Optional.of("is absolute");
    }
    Path p;
    try {
      p = Path.of(text).normalize();
    } catch (InvalidPathException e) {
      return Optional.of("is not a valid path: " + e.getReason());
    }
    if (p.startsWith("..")) {
      return Optional.of("leaves the workspace");
    }
    if (p.toString().isEmpty()) {
      return Optional.of("is the workspace itself; name the files or directories");
    }
    if (p.startsWith(".baton")) {
      return Optional.of("is inside .baton/, where Baton keeps its runs and cache");
    }
    return Optional.empty();
  }
}
