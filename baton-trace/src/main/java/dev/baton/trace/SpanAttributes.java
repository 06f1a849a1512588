package dev.baton.trace;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.GpuUsage;
import dev.baton.core.record.RolloutEvent;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The spans' attributes: OpenTelemetry's CI/CD semantic conventions ({@code cicd.pipeline.*},
 * {@code cicd.worker.name}, {@code error.type}) where they name the thing, {@code baton.*} for the
 * rest (docs/observability.md lists them).
 */
final class SpanAttributes {
  private SpanAttributes() {}

  static Attributes run(RunRecord run) {
    AttributesBuilder b =
        Attributes.builder()
            .put("cicd.pipeline.name", run.pipeline())
            .put("cicd.pipeline.run.id", run.runId())
            .put("cicd.pipeline.action.name", "RUN")
            .put("cicd.pipeline.result", result(run.status()))
            .put("baton.run.status", run.status().name())
            .put("baton.executor", run.executor())
            .put("baton.descriptor", run.descriptor())
            .put("baton.steps", run.steps().size());
    if (!succeeded(run.status())) {
      b.put("error.type", run.status().name().toLowerCase(Locale.ROOT));
    }
    run.params().forEach((k, v) -> b.put("baton.param." + k, v));
    return b.build();
  }

  static Attributes step(RunRecord run, StepRecord step) {
    AttributesBuilder b =
        Attributes.builder()
            .put("cicd.pipeline.name", run.pipeline())
            .put("cicd.pipeline.run.id", run.runId())
            .put("cicd.pipeline.task.name", step.id())
            .put("cicd.pipeline.task.run.id", run.runId() + "/" + step.id())
            .put("cicd.pipeline.task.run.result", result(step.status()))
            .put("baton.step", step.step())
            .put("baton.step.kind", step.kind())
            .put("baton.step.state", step.status().name())
            .put("baton.attempts", step.attempts().size());
    String type = taskType(step.kind());
    if (!type.isEmpty()) {
      b.put("cicd.pipeline.task.type", type);
    }
    step.matrix().forEach((k, v) -> b.put("baton.matrix." + k, v));
    if (step.agent() != null) {
      b.put("cicd.worker.name", step.agent());
    }
    if (!step.gpus().isEmpty()) {
      b.put(AttributeKey.longArrayKey("baton.gpus"), longs(step.gpus(), Integer::longValue));
    }
    if (!step.message().isEmpty()) {
      b.put("baton.message", step.message());
    }
    if (step.allowedToFail()) {
      b.put("baton.continue_on_error", true);
    }
    return b.build();
  }

  static Attributes attempt(RunRecord run, StepRecord step, AttemptRecord a) {
    AttributesBuilder b =
        Attributes.builder()
            .put("cicd.pipeline.run.id", run.runId())
            .put("cicd.pipeline.task.name", step.id())
            .put("cicd.pipeline.task.run.id", run.runId() + "/" + step.id() + "#" + a.attempt())
            .put("cicd.pipeline.task.run.result", result(a.status()))
            .put("cicd.worker.name", a.agent())
            .put("baton.attempt", a.attempt())
            .put("baton.agent", a.agent())
            .put("baton.step.state", a.status().name());
    if (a.exitCode() != null) {
      b.put("baton.exit_code", a.exitCode().longValue());
    }
    if (!a.gpus().isEmpty()) {
      b.put(AttributeKey.longArrayKey("baton.gpus"), longs(a.gpus(), Integer::longValue));
    }
    if (!a.message().isEmpty()) {
      b.put("baton.message", a.message());
    }
    if (a.leaseWaitMillis() > 0) {
      b.put("baton.wait.millis", a.leaseWaitMillis());
    }
    if (!a.image().isEmpty()) {
      b.put("baton.image", a.image());
      b.put("baton.image.digest", a.imageDigest());
    }
    if (a.usage() != null) {
      usage(b, a.usage());
    }
    return b.build();
  }

  private static void usage(AttributesBuilder b, AttemptUsage u) {
    b.put("baton.usage.cpu_seconds", u.cpuSeconds());
    b.put("baton.usage.peak_rss_bytes", u.peakRssBytes());
    if (u.meanRssBytes() != null) {
      b.put("baton.usage.mean_rss_bytes", u.meanRssBytes().longValue());
    }
    b.put("baton.usage.read_bytes", u.readBytes());
    b.put("baton.usage.write_bytes", u.writeBytes());
    List<GpuUsage> gpus = u.gpus();
    if (!gpus.isEmpty()) {
      b.put(AttributeKey.longArrayKey("baton.usage.gpu.index"), longs(gpus, g -> (long) g.index()));
      b.put(
          AttributeKey.longArrayKey("baton.usage.gpu.peak_memory_bytes"),
          longs(gpus, GpuUsage::peakMemoryBytes));
      b.put(
          AttributeKey.doubleArrayKey("baton.usage.gpu.mean_utilization"),
          gpus.stream().map(GpuUsage::meanUtilization).toList());
      b.put(
          AttributeKey.doubleArrayKey("baton.usage.gpu.peak_utilization"),
          gpus.stream().map(GpuUsage::peakUtilization).toList());
    }
  }

  static Attributes gate(GateResult gate) {
    AttributesBuilder b =
        Attributes.builder()
            .put("baton.gate.name", gate.name())
            .put("baton.gate.verdict", gate.verdict())
            .put("baton.gate.message", gate.message());
    if (gate.value() != null) {
      b.put("baton.gate.value", String.valueOf(gate.value()));
    }
    if (gate.threshold() != null) {
      b.put("baton.gate.threshold", String.valueOf(gate.threshold()));
    }
    return b.build();
  }

  static Attributes rollout(StepRecord step, RolloutEvent e) {
    return Attributes.builder()
        .put("cicd.pipeline.task.name", step.id())
        .put("baton.rollout.weight", e.weight())
        .put("baton.rollout.outcome", e.outcome())
        .build();
  }

  static String percent(double weight) {
    return (weight == Math.rint(weight) ? String.valueOf((long) weight) : String.valueOf(weight))
        + "%";
  }

  static boolean succeeded(RunStatus status) {
    return status == RunStatus.SUCCEEDED;
  }

  /** {@code cicd.pipeline.result}'s values. */
  static String result(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> "success";
      case FAILED -> "failure";
      case TIMED_OUT -> "timeout";
      case CANCELLED -> "cancellation";
      case RUNNING -> "error";
    };
  }

  /** {@code cicd.pipeline.task.run.result}'s values. */
  static String result(StepState state) {
    return switch (state) {
      case SUCCEEDED, CACHED -> "success";
      case FAILED -> "failure";
      case TIMED_OUT -> "timeout";
      case CANCELLED -> "cancellation";
      case SKIPPED -> "skip";
      case LOST, PENDING, QUEUED, RUNNING -> "error";
    };
  }

  /** {@code cicd.pipeline.task.type}: {@code test} for validate and benchmark steps, ... */
  private static String taskType(String kind) {
    return switch (kind) {
      case "validate", "benchmark" -> "test";
      case "deploy" -> "deploy";
      default -> "";
    };
  }

  private static <T> List<Long> longs(List<T> values, Function<T, Long> f) {
    return values.stream().map(f).toList();
  }
}
