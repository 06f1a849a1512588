package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The machine-readable record of a run, written as {@code run.json} (schema in docs/run-record.md).
 * Every other report is generated from it.
 *
 * @param descriptor the descriptor path as given
 * @param executor the engine that ran the steps ({@code local}, {@code slurm}, ...)
 * @param baton the Baton that wrote the record (version, commit, commit date); null in records
 *     written before Batons recorded it
 * @param source the git commit, branch, remote and dirty state of the workspace; null where it is
 *     not a git work tree, git is missing, or the record is older
 * @param descriptorDigest {@code sha256:<hex>} of the descriptor file's bytes; null in older
 *     records
 */
public record RunRecord(
    int schemaVersion,
    String runId,
    String pipeline,
    RunStatus status,
    Instant startedAt,
    Instant endedAt,
    String descriptor,
    String executor,
    Map<String, String> params,
    List<AgentRecord> agents,
    List<StepRecord> steps,
    @Nullable BatonBuild baton,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable SourceRecord source,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String descriptorDigest) {

  public static final int SCHEMA_VERSION = 1;

  /** This record with the code it ran and its steps' lineage. */
  public RunRecord withLineage(
      @Nullable SourceRecord source, @Nullable String descriptorDigest, List<StepRecord> steps) {
    return new RunRecord(
        schemaVersion,
        runId,
        pipeline,
        status,
        startedAt,
        endedAt,
        descriptor,
        executor,
        params,
        agents,
        steps,
        baton,
        source,
        descriptorDigest);
  }

  public RunRecord {
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    agents = agents == null ? List.of() : List.copyOf(agents);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** Wall time of the run in milliseconds (0 while it has not ended). */
  public long durationMillis() {
    return endedAt == null || startedAt == null
        ? 0
        : endedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}
