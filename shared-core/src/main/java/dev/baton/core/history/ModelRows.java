package dev.baton.core.history;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the model registry answers with: versions of named artifacts, aliases, alias moves. */
public final class ModelRows {
  private ModelRows() {}

  /**
   * One version of a named artifact.
   *
   * @param digest {@code sha256:<hex>} of the file's bytes
   * @param path where the step wrote it, relative to the workspace
   * @param keptPath the read-only copy Baton keeps of this version, on the machine that recorded it
   */
  public record Version(
      String name,
      int version,
      String digest,
      long size,
      String runId,
      String stepId,
      String pipeline,
      String path,
      String keptPath,
      Instant createdAt) {}

  /** Where an alias points now. */
  public record Alias(String name, String alias, int version, String setBy, Instant setAt) {}

  /**
   * One move of an alias: the audit trail.
   *
   * @param previous the version it pointed at before; null when it was new
   * @param runId the run that made {@code version}
   */
  public record AliasMove(
      String name,
      String alias,
      int seq,
      int version,
      @Nullable Integer previous,
      String runId,
      String setBy,
      Instant setAt,
      String reason) {}
}
