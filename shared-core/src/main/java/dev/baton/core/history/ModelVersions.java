package dev.baton.core.history;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.history.ModelRows.Version;
import dev.baton.core.io.IoFailures;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepLineage;
import dev.baton.core.record.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a version of each named artifact a finished run's steps made ({@code artifacts:} in the
 * descriptor, kept in each step's lineage): the file is copied to {@link ModelFiles} and digested
 * there, so the version's digest is the kept copy's. A file with the same bytes as the newest
 * version of its name is that version again, not a new one (a cached step, a run that changed
 * nothing).
 */
public final class ModelVersions {
  private ModelVersions() {}

  /** The versions {@code record} added, in step order. */
  public static List<Version> record(ModelRegistry models, RunRecord record, Path workspace) {
    List<Version> added = new ArrayList<>();
    for (StepRecord step : record.steps()) {
      StepLineage lineage = step.lineage();
      if (!step.status().isSuccessful() || lineage == null) {
        continue;
      }
      for (Map.Entry<String, String> a : lineage.artifacts().entrySet()) {
        add(models, record, step, a.getKey(), a.getValue(), workspace).ifPresent(added::add);
      }
    }
    return added;
  }

  private static Optional<Version> add(
      ModelRegistry models,
      RunRecord record,
      StepRecord step,
      String name,
      String path,
      Path workspace) {
    Path file = workspace.resolve(path);
    if (!Files.isRegularFile(file)) {
      return Optional.empty(); // overwritten or removed since the step; its check judged it
    }
    try {
      String digest = ModelFiles.digest(file);
      Optional<Version> latest = models.latest(name);
      if (latest.isPresent() && latest.get().digest().equals(digest)) {
        return Optional.empty();
      }
      int number = models.nextVersion(name);
      Path kept = ModelFiles.keptPath(workspace, name, number, path);
      ModelFiles.keep(file, kept);
      String keptDigest = ModelFiles.digest(kept);
      if (!keptDigest.equals(digest)) {
        throw new InfrastructureException(
            "the copy of "
                + file
                + " changed while it was kept (the file was being written); run the step again");
      }
      Version v =
          new Version(
              name,
              number,
              digest,
              Files.size(kept),
              record.runId(),
              step.id(),
              record.pipeline(),
              path,
              kept.toString(),
              Instant.now());
      models.add(v);
      return Optional.of(v);
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot record artifact '" + name + "' (" + file + "): " + IoFailures.reason(e), e);
    }
  }
}
