package dev.baton.core.api;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import dev.baton.core.engine.EngineResult;
import dev.baton.core.history.RunLineage;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.AgentRecord;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.GpuRecord;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Assembles the run record from the plan, the agents and what the engine saw. */
final class RunRecords {
  private RunRecords() {}

  static RunRecord of(String runId, Prepared p, BatonConfig config, EngineResult result) {
    List<AgentRecord> agents = new ArrayList<>();
    for (Agent a : p.agents()) {
      List<GpuRecord> gpus = new ArrayList<>();
      for (Gpu g : a.gpus()) {
        gpus.add(new GpuRecord(g.index(), g.model(), g.memoryMiB(), g.uuid(), g.simulated()));
      }
      agents.add(
          new AgentRecord(a.name(), a.labels().stream().sorted().toList(), a.executors(), gpus));
    }
    RunRecord record =
        new RunRecord(
            RunRecord.SCHEMA_VERSION,
            runId,
            p.plan().pipeline(),
            status(p, result),
            result.startedAt(),
            result.endedAt(),
            config.file().toString(),
            p.executor().name(),
            p.plan().params(),
            agents,
            result.steps(),
            BatonBuild.current(),
            null,
            null);
    return RunLineage.attach(record, p.plan(), p.plan().descriptor().workspace(), config.file());
  }

  /** Failed when a step that may not fail did not succeed; a skip by {@code when} is fine. */
  static RunStatus status(Prepared p, EngineResult result) {
    if (result.timedOut()) {
      return RunStatus.TIMED_OUT;
    }
    if (result.cancelled()) {
      return RunStatus.CANCELLED;
    }
    // Looked up by id only for a step that did not succeed, through a map made once: a scan of
    // the plan per step made a 100,000-cell run's record take longer than its run.
    Map<String, PlannedStep> planned = null;
    for (StepRecord s : result.steps()) {
      boolean bad = !s.status().isSuccessful() && s.status() != StepState.SKIPPED;
      if (!bad || s.allowedToFail()) {
        continue;
      }
      if (planned == null) {
        planned = new HashMap<>();
        for (PlannedStep step : p.plan().steps()) {
          planned.putIfAbsent(step.id(), step);
        }
      }
      PlannedStep step = planned.get(s.id());
      if (step == null || !step.continueOnError()) {
        return RunStatus.FAILED;
      }
    }
    return RunStatus.SUCCEEDED;
  }
}
