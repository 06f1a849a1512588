package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One planned step (a matrix cell counts as a step) and how it ended.
 *
 * @param id {@code train} or {@code train[lr=0.01]}
 * @param step the step name in the descriptor
 * @param kind {@code run}, {@code validate}, {@code benchmark} or {@code deploy}
 * @param agent the agent of the last attempt, or null when it never ran
 * @param gpus the GPU indices of the last attempt
 * @param log the log file, relative to the report directory
 * @param message why the step ended as it did, for people; empty on success
 * @param logTail the last lines of the log when the step did not succeed
 * @param results what a stage step measured (gates, benchmark statistics, rollout); empty for plain
 *     steps
 * @param allowedToFail the step has {@code continueOnError}: its failure does not fail the run
 * @param dynamic for the cells of a dynamic fan-out and the step they came from, which; else null
 * @param requested what the step asked for (GPUs, CPUs, memory, timeout); null when it asked for
 *     none of them
 * @param lineage the digests of the files under its declared inputs and outputs and its image; null
 *     when it declared none and ran on the host, or never ran
 */
public record StepRecord(
    String id,
    String step,
    String kind,
    StepState status,
    Map<String, String> matrix,
    List<String> needs,
    String command,
    @Nullable String agent,
    List<Integer> gpus,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    List<AttemptRecord> attempts,
    @Nullable String log,
    String message,
    List<String> logTail,
    Map<String, Object> results,
    boolean allowedToFail,
    @Nullable DynamicCell dynamic,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable StepRequest requested,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable StepLineage lineage) {

  public StepRecord {
    matrix = OrderedMaps.copyOf(matrix);
    needs = needs == null ? List.of() : List.copyOf(needs);
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
    logTail = logTail == null ? List.of() : List.copyOf(logTail);
    results = OrderedMaps.copyOf(results);
    message = message == null ? "" : message;
  }

  /** This step with {@code lineage}. */
  public StepRecord withLineage(@Nullable StepLineage lineage) {
    return new StepRecord(
        id,
        step,
        kind,
        status,
        matrix,
        needs,
        command,
        agent,
        gpus,
        startedAt,
        endedAt,
        attempts,
        log,
        message,
        logTail,
        results,
        allowedToFail,
        dynamic,
        requested,
        lineage);
  }

  /**
   * What the step's final attempt wrote to {@code $BATON_OUTPUT} (for a {@code CACHED} step, those
   * of the run that made its cache entry); empty when it never ran.
   */
  @JsonProperty(value = "outputs", access = JsonProperty.Access.READ_ONLY)
  public Map<String, String> outputs() {
    return attempts.isEmpty() ? Map.of() : attempts.get(attempts.size() - 1).outputs();
  }

  public long durationMillis() {
    return endedAt == null || startedAt == null
        ? 0
        : endedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}
