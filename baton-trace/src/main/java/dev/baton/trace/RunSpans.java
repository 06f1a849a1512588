package dev.baton.trace;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.RolloutEvent;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A finished run's spans, made from its record with the record's times: the run (kind SERVER, as
 * the CI/CD conventions ask), under it one span per step, under each step its lease waits and one
 * span per attempt, and under a deploy step's last attempt one span per rollout stage. Gates are
 * events on their step's span: the record gives them no times of their own.
 */
final class RunSpans {
  private final Tracer tracer;
  private final Map<String, String> waitReasons;

  RunSpans(Tracer tracer, Map<String, String> waitReasons) {
    this.tracer = tracer;
    this.waitReasons = waitReasons;
  }

  void export(RunRecord run, Context parent) {
    Instant end = run.endedAt() == null ? Instant.now() : run.endedAt();
    Span span =
        tracer
            .spanBuilder("RUN " + run.pipeline())
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(run.startedAt() == null ? end : run.startedAt())
            .setAllAttributes(SpanAttributes.run(run))
            .startSpan();
    if (!SpanAttributes.succeeded(run.status())) {
      span.setStatus(StatusCode.ERROR, run.status().name());
    }
    Context context = parent.with(span);
    for (StepRecord step : run.steps()) {
      step(run, step, context, end);
    }
    span.end(end);
  }

  private void step(RunRecord run, StepRecord step, Context parent, Instant runEnd) {
    Instant end = step.endedAt() != null ? step.endedAt() : runEnd;
    Instant start = step.startedAt() != null ? step.startedAt() : end;
    for (AttemptRecord a : step.attempts()) {
      Instant waitStart = a.startedAt().minusMillis(a.leaseWaitMillis());
      start = waitStart.isBefore(start) ? waitStart : start;
    }
    Span span =
        tracer
            .spanBuilder(step.id())
            .setParent(parent)
            .setStartTimestamp(start)
            .setAllAttributes(SpanAttributes.step(run, step))
            .startSpan();
    if (!step.status().isSuccessful() && !step.allowedToFail()) {
      span.setStatus(StatusCode.ERROR, step.message());
    }
    for (GateResult gate : GateResult.of(step)) {
      span.addEvent("gate", SpanAttributes.gate(gate), end);
    }
    Context context = parent.with(span);
    Span last = null;
    for (AttemptRecord attempt : step.attempts()) {
      if (attempt.leaseWaitMillis() > 0) {
        wait(step, attempt, context);
      }
      last = attempt(run, step, attempt, context);
    }
    if (last != null) {
      rollout(step, parent.with(last), end);
    }
    span.end(end);
  }

  private void wait(StepRecord step, AttemptRecord attempt, Context parent) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put("cicd.pipeline.task.name", step.id())
            .put("baton.attempt", attempt.attempt())
            .put("baton.wait.millis", attempt.leaseWaitMillis());
    String reason = waitReasons.get(step.id());
    if (reason != null) {
      attributes.put("baton.wait.reason", reason);
    }
    tracer
        .spanBuilder("wait for a lease")
        .setParent(parent)
        .setStartTimestamp(attempt.startedAt().minusMillis(attempt.leaseWaitMillis()))
        .setAllAttributes(attributes.build())
        .startSpan()
        .end(attempt.startedAt());
  }

  private Span attempt(RunRecord run, StepRecord step, AttemptRecord attempt, Context parent) {
    Instant end = attempt.endedAt() != null ? attempt.endedAt() : attempt.startedAt();
    Span span =
        tracer
            .spanBuilder(step.id() + " #" + attempt.attempt())
            .setParent(parent)
            .setStartTimestamp(attempt.startedAt())
            .setAllAttributes(SpanAttributes.attempt(run, step, attempt))
            .startSpan();
    if (!attempt.status().isSuccessful()) {
      span.setStatus(StatusCode.ERROR, attempt.message());
    }
    span.end(end);
    return span;
  }

  private void rollout(StepRecord step, Context parent, Instant stepEnd) {
    List<RolloutEvent> events = RolloutEvent.of(step);
    for (int i = 0; i < events.size(); i++) {
      RolloutEvent e = events.get(i);
      @Nullable Instant next = i + 1 < events.size() ? events.get(i + 1).time() : stepEnd;
      Instant end = next == null || next.isBefore(e.time()) ? e.time() : next;
      tracer
          .spanBuilder("rollout " + SpanAttributes.percent(e.weight()))
          .setParent(parent)
          .setStartTimestamp(e.time())
          .setAllAttributes(SpanAttributes.rollout(step, e))
          .startSpan()
          .end(end);
    }
  }
}
