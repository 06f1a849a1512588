package dev.baton.core.stages;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.StageSpec;
import dev.baton.core.io.FileRefusedException;
import dev.baton.core.io.IoFailures;
import dev.baton.core.io.UserFiles;
import dev.baton.core.record.GateResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs the step's command, reads the metrics it wrote or printed, and judges the gates. */
final class ValidateStage {
  private ValidateStage() {}

  static StageResult run(StageSpec.Validate spec, StageContext ctx) throws InterruptedException {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("fingerprint", ctx.fingerprint());
    String printed = "";
    Command command = ctx.launch().command();
    if (!isEmpty(command)) {
      StageCommands.Outcome out = ctx.commands().run(command);
      if (!out.success()) {
        return StageResult.failed("the metrics command failed: " + out.describe(), results);
      }
      printed = out.output();
    }
    Map<String, Double> metrics;
    try {
      metrics = read(ctx.launch().workdir().resolve(spec.metrics()), printed);
    } catch (StageException e) {
      return StageResult.failed(e.userMessage(), results);
    }
    results.put("metrics", metrics);
    String id = ctx.launch().stepId();
    String name = ctx.launch().step().stepName();
    List<GateResult> gates = GateEvaluator.evaluate(spec.gates(), metrics, ctx.values(id, name));
    results.put(
        GateResult.RESULTS_KEY, gates.stream().map(GateResult::toMap).collect(Collectors.toList()));
    gates.forEach(g -> ctx.commands().note("gate " + g.verdict() + ": " + g.message()));
    List<GateResult> failed =
        gates.stream().filter(g -> !Boolean.TRUE.equals(g.passed())).collect(Collectors.toList());
    if (failed.isEmpty()) {
      return new StageResult(true, gates.size() + " gate(s) passed", results);
    }
    return StageResult.failed(
        failed.size()
            + " of "
            + gates.size()
            + " gate(s) failed: "
            + failed.stream().map(GateResult::message).collect(Collectors.joining("; ")),
        results);
  }

  /** A metrics file holds a JSON object of numbers; larger than this, it is the wrong file. */
  static final long MAX_METRICS_BYTES = 16 * UserFiles.MiB;

  /** Metrics from the file, then {@code ::metric} lines the command printed (they win). */
  static Map<String, Double> read(Path file, String printed) {
    Map<String, Double> lines = Metrics.fromLines(printed);
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (Files.exists(file)) {
      try {
        String json = UserFiles.readText(file, "metrics file", MAX_METRICS_BYTES);
        metrics.putAll(Metrics.fromJson(json, "metrics file " + file));
      } catch (FileRefusedException e) {
        throw new StageException("metrics file " + file + " " + e.problem(), e.fix());
      } catch (IOException e) {
        throw new StageException(
            "cannot read metrics file " + file + ": " + IoFailures.reason(e),
            "check its permissions");
      }
    } else if (lines.isEmpty()) {
      throw new StageException(
          "metrics file " + file + " was not written",
          "make the command write it, or print '::metric name=value' lines");
    }
    metrics.putAll(lines);
    return metrics;
  }

  static boolean isEmpty(Command c) {
    return c instanceof Command.Shell s && s.script().isBlank();
  }
}
