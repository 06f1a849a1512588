package dev.baton.core.history;

import dev.baton.core.cache.DeclaredFiles;
import dev.baton.core.descriptor.ArtifactSpec;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepLineage;
import dev.baton.core.record.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Adds lineage to a finished run's record: the workspace's git source, the descriptor's digest and,
 * per step that ran, the digests of the files under its declared inputs and outputs and its image.
 * Files are hashed once the run has ended, through the step cache's stat cache (files the cache
 * just hashed or stored are not read again): a step's outputs are what it left for the steps after
 * it, and an input no step of the run rewrote is what the step read.
 */
public final class RunLineage {
  private RunLineage() {}

  public static RunRecord attach(RunRecord record, Plan plan, Path workspace, Path descriptor) {
    Optional<DeclaredFiles> files = DeclaredFiles.of(workspace);
    List<StepRecord> steps = new ArrayList<>(record.steps().size());
    for (StepRecord s : record.steps()) {
      PlannedStep planned = plan.step(s.id());
      steps.add(s.withLineage(lineage(s, planned, files.orElse(null))));
    }
    files.ifPresent(DeclaredFiles::save);
    return record.withLineage(GitSource.of(workspace).orElse(null), fileDigest(descriptor), steps);
  }

  private static @Nullable StepLineage lineage(
      StepRecord s, @Nullable PlannedStep planned, @Nullable DeclaredFiles files) {
    if (!s.status().isSuccessful() || s.attempts().isEmpty()) {
      return null;
    }
    AttemptRecord last = s.attempts().get(s.attempts().size() - 1);
    String image = last.imageDigest().isEmpty() ? null : last.imageDigest();
    Map<String, String> inputs = Map.of();
    Map<String, String> outputs = Map.of();
    Map<String, String> artifacts = new TreeMap<>();
    if (planned != null && files != null) {
      inputs = files.digests(planned.spec().cache().inputs());
      outputs = new TreeMap<>(files.digests(planned.spec().cache().outputs()));
      for (ArtifactSpec a : planned.spec().artifacts()) {
        artifacts.put(a.name(), a.path());
        outputs.putAll(files.digests(List.of(a.path())));
      }
    }
    StepLineage lineage = new StepLineage(inputs, outputs, image, artifacts);
    return lineage.isEmpty() ? null : lineage;
  }

  /** {@code sha256:<hex>} of a file's bytes; null when it cannot be read. */
  static @Nullable String fileDigest(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
