package dev.baton.core.engine;

import dev.baton.core.descriptor.ArtifactSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a step that succeeded left the artifacts it declares: a version is recorded for each
 * after the run, so a step that promised a model and wrote none must not pass.
 */
final class ArtifactFiles {
  private ArtifactFiles() {}

  /** Why the step fails for its artifacts; empty when each is a regular file. */
  static Optional<String> missing(List<ArtifactSpec> artifacts, Path workspace) {
    List<String> missing = new ArrayList<>();
    for (ArtifactSpec a : artifacts) {
      if (!Files.isRegularFile(workspace.resolve(a.path()))) {
        missing.add("'" + a.name() + "' (" + a.path() + ")");
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "the step succeeded but did not write its artifact "
            + String.join(", ", missing)
            + "; make the step write the file, or fix the path under 'artifacts:'");
  }
}
