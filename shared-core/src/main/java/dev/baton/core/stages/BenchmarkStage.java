package dev.baton.core.stages;

import dev.baton.core.descriptor.StageSpec;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.FileRefusedException;
import dev.baton.core.io.UserFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs the step's command warmup + repeat times and measures it: wall time, or the latencies it
 * reports ({@code ::latency_ms 12.3} lines, or its {@code latencies} file); then judges a
 * regression.
 */
final class BenchmarkStage {
  private static final Pattern LATENCY =
      Pattern.compile("(?m)^\\s*::latency_ms\\s+([0-9.eE+-]+)\\s*$");

  private BenchmarkStage() {}

  static StageResult run(StageSpec.Benchmark spec, StageContext ctx) throws InterruptedException {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("fingerprint", ctx.fingerprint());
    Path latencyFile = spec.latencies().map(ctx.launch().workdir()::resolve).orElse(null);
    List<Double> wall = new ArrayList<>();
    List<Double> reported = new ArrayList<>();
    for (int k = 0; k < spec.warmup() + spec.repeat(); k++) {
      boolean measured = k >= spec.warmup();
      deleteQuietly(latencyFile);
      StageCommands.Outcome out = ctx.commands().run(ctx.launch().command());
      if (ctx.commands().isStopped()) {
        return StageResult.failed("stopped", results);
      }
      if (!out.success()) {
        return StageResult.failed(
            (measured ? "measured run " + (k - spec.warmup() + 1) : "warm-up run " + (k + 1))
                + " failed: "
                + out.describe(),
            results);
      }
      if (measured) {
        wall.add(out.nanos() / 1e6);
        reported.addAll(latencies(out.output()));
        if (latencyFile != null) {
          try {
            reported.addAll(readFile(latencyFile));
          } catch (StageException e) {
            return StageResult.failed(e.userMessage(), results);
          }
        }
      }
    }
    List<Double> samples = reported.isEmpty() ? wall : reported;
    return judge(
        spec, ctx, samples, reported.isEmpty() ? "wall time" : "reported latencies", results);
  }

  static StageResult judge(
      StageSpec.Benchmark spec,
      StageContext ctx,
      List<Double> samples,
      String source,
      Map<String, Object> results) {
    SampleStatistics s = SampleStatistics.of(samples);
    Map<String, Object> bench = new LinkedHashMap<>();
    bench.put("unit", "ms");
    bench.put("source", source);
    bench.put("samplesMs", List.copyOf(samples));
    put(bench, s);
    spec.items().ifPresent(n -> bench.put("throughput", n * 1000.0 / s.median()));
    RegressionCheck.Verdict verdict =
        new RegressionCheck.Verdict(
            RegressionCheck.PASS, Double.NaN, Double.NaN, "no regression check configured");
    boolean strict = false;
    if (spec.regression().isPresent()) {
      StageSpec.Regression rule = spec.regression().get();
      strict = rule.failOnInconclusive();
      List<Double> before =
          ctx.baseline(rule.baseline())
              .map(b -> b.samples(ctx.launch().stepId(), ctx.launch().step().stepName()))
              .orElse(List.of());
      verdict = RegressionCheck.judge(samples, before, rule);
      bench.put("baseline", rule.baseline());
      if (!before.isEmpty()) {
        bench.put("baselineSamplesMs", before);
      }
      if (!Double.isNaN(verdict.slowdown())) {
        bench.put("slowdown", verdict.slowdown());
      }
      if (!Double.isNaN(verdict.pValue())) {
        bench.put("pValue", verdict.pValue());
      }
    }
    bench.put("verdict", verdict.verdict());
    bench.put("message", verdict.message());
    results.put("benchmark", bench);
    String name = ctx.pipeline() + "." + ctx.launch().stepId();
    try {
      BenchmarkFiles.write(
          ctx.reportDir(), ctx.masker().mask(name), spec.warmup(), samples, spec.items());
    } catch (IOException | InfrastructureException e) {
      return StageResult.failed("cannot write benchmark files: " + e.getMessage(), results);
    }
    ctx.commands().note("benchmark " + verdict.verdict() + ": " + verdict.message());
    boolean passed = verdict.passes(strict);
    return new StageResult(passed, verdict.verdict() + ": " + verdict.message(), results);
  }

  private static void put(Map<String, Object> bench, SampleStatistics s) {
    bench.put("count", s.count());
    bench.put("min", s.min());
    bench.put("max", s.max());
    bench.put("mean", s.mean());
    bench.put("median", s.median());
    bench.put("stddev", s.stddev());
    bench.put("mad", s.mad());
    bench.put("p50", s.p50());
    bench.put("p90", s.p90());
    bench.put("p99", s.p99());
  }

  static List<Double> latencies(String output) {
    List<Double> out = new ArrayList<>();
    Matcher m = LATENCY.matcher(output);
    while (m.find()) {
      Metrics.parse(m.group(1)).ifPresent(out::add);
    }
    return out;
  }

  /** Room for millions of latencies, one per line; larger, the file is the wrong one. */
  static final long MAX_LATENCIES_BYTES = 256 * UserFiles.MiB;

  /** One number per line, or a JSON array of numbers. */
  static List<Double> readFile(Path file) {
    String text;
    try {
      text = UserFiles.readText(file, "latencies file", MAX_LATENCIES_BYTES);
    } catch (FileRefusedException e) {
      throw new StageException("the latencies file " + file + " " + e.problem(), e.fix());
    } catch (IOException e) {
      throw new StageException(
          "the latencies file " + file + " was not written",
          "make the command write one latency in milliseconds per line");
    }
    List<Double> out = new ArrayList<>();
    for (String token : text.replace('[', ' ').replace(']', ' ').split("[\\s,]+", -1)) {
      if (!token.isBlank()) {
        out.add(
            Metrics.parse(token.strip())
                .orElseThrow(
                    () ->
                        new StageException(
                            "the latencies file "
                                + file
                                + " has '"
                                + token.strip()
                                + "', not a number",
                            "write one latency in milliseconds per line")));
      }
    }
    return out;
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A stale file is read as this run's samples only if the command fails to rewrite it.
      }
    }
  }
}
