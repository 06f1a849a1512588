package dev.baton.core.api;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.UsageException;
import dev.baton.core.io.AtomicFiles;
import dev.baton.core.record.AgentRecord;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import dev.baton.core.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges the records of steps run separately (one per Jenkins agent) into one run, with their logs,
 * and writes every report for it.
 */
public final class RunMerger {
  private RunMerger() {}

  public static RunOutcome merge(
      List<Path> runDirs, Path out, String pipeline, Map<String, String> env) {
    if (runDirs.isEmpty()) {
      throw new UsageException("nothing to merge; pass the report directories of the steps");
    }
    ReportDirs.create(out);
    Map<String, StepRecord> steps = new LinkedHashMap<>();
    Map<String, AgentRecord> agents = new LinkedHashMap<>();
    List<RunRecord> records = new ArrayList<>();
    for (Path dir : runDirs) {
      RunRecord r = RunRecordJson.read(dir.resolve(RunRecordJson.FILE_NAME));
      records.add(r);
      r.agents().forEach(a -> agents.putIfAbsent(a.name(), a));
      for (StepRecord s : r.steps()) {
        steps.put(s.id(), s);
        copyLog(dir, out, s);
      }
    }
    List<StepRecord> ordered = new ArrayList<>(steps.values());
    ordered.sort(
        Comparator.comparing(
            (StepRecord s) -> s.startedAt() == null ? Instant.MAX : s.startedAt()));
    RunRecord first = records.get(0);
    Instant start =
        records.stream()
            .map(RunRecord::startedAt)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(Instant.now());
    Instant end =
        records.stream()
            .map(RunRecord::endedAt)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(Instant.now());
    boolean failed =
        ordered.stream()
            .anyMatch(s -> !s.status().isSuccessful() && s.status() != StepState.SKIPPED);
    boolean cancelled = records.stream().anyMatch(r -> r.status() == RunStatus.CANCELLED);
    boolean timedOut = records.stream().anyMatch(r -> r.status() == RunStatus.TIMED_OUT);
    RunStatus status =
        timedOut
            ? RunStatus.TIMED_OUT
            : cancelled ? RunStatus.CANCELLED : failed ? RunStatus.FAILED : RunStatus.SUCCEEDED;
    RunRecord merged =
        new RunRecord(
            RunRecord.SCHEMA_VERSION,
            first.runId(),
            pipeline == null || pipeline.isEmpty() ? first.pipeline() : pipeline,
            status,
            start,
            end,
            first.descriptor(),
            first.executor(),
            first.params(),
            new ArrayList<>(agents.values()),
            ordered,
            BatonBuild.current(),
            null,
            null);
    ReportWriter.writeAll(merged, out, env);
    return new RunOutcome(merged, out);
  }

  private static void copyLog(Path from, Path out, StepRecord s) {
    if (s.log() == null) {
      return;
    }
    Path src = from.resolve(s.log());
    Path dst = out.resolve(s.log());
    try {
      if (Files.exists(src)
          && !src.toAbsolutePath().normalize().equals(dst.toAbsolutePath().normalize())) {
        Files.createDirectories(dst.getParent());
        AtomicFiles.copy(src, dst);
      }
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot copy log " + src + " to " + dst + ": " + e.getMessage(), e);
    }
  }
}
