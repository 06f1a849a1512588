package dev.baton.core.record;

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
    @Nullable BatonBuild baton) {

  public static final int SCHEMA_VERSION = 1;

  /** A record written by the Baton running now. */
  public RunRecord(
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
      List<StepRecord> steps) {
    this(
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
        BatonBuild.current());
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
