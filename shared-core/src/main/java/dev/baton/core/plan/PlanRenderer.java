package dev.baton.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Durations;
import dev.baton.core.descriptor.MatrixSpec;
import dev.baton.core.errors.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prints a plan as text for people, JSON for tools (the Jenkins library), or DOT and Mermaid
 * graphs.
 */
public final class PlanRenderer {
  public static final List<String> FORMATS = List.of("text", "json", "dot", "mermaid");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanRenderer() {}

  public static String render(Plan plan, String format) {
    return switch (format) {
      case "text" -> text(plan);
      case "json" -> json(plan);
      case "dot" -> dot(plan);
      case "mermaid" -> mermaid(plan);
      default ->
          throw new UsageException(
              "unknown plan format '" + format + "'; use one of " + String.join(", ", FORMATS));
    };
  }

  private static String text(Plan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append(plan.pipeline()).append(": ").append(plan.steps().size()).append(" steps\n");
    for (String line : paramLines(plan)) {
      sb.append("  ").append(line).append('\n');
    }
    for (PlannedStep s : plan.steps()) {
      sb.append("  ").append(s.id());
      if (!s.needs().isEmpty()) {
        sb.append("  <- ").append(String.join(", ", s.needs()));
      }
      AgentRequest a = s.agent();
      if (!a.label().isEmpty() || a.gpus() > 0) {
        sb.append("  [")
            .append(a.label().isEmpty() ? "any agent" : a.label())
            .append(a.gpus() > 0 ? ", " + a.gpus() + " GPU" + (a.gpus() > 1 ? "s" : "") : "")
            .append(']');
      }
      s.timeout().ifPresent(t -> sb.append("  timeout ").append(Durations.human(t)));
      if (s.skipped()) {
        sb.append("  (skipped: ").append(s.skipReason()).append(')');
      }
      if (Expansions.isPending(s)) {
        sb.append("  (pending expansion: matrix ")
            .append(axesText(s))
            .append(" when its needs end)");
      }
      sb.append("\n      ").append(s.command().display().replace("\n", "\n      ")).append('\n');
    }
    return sb.toString();
  }

  /**
   * One line per parameter, its type and the value this plan uses: {@code param epochs (int,
   * 1..100) = 20: training epochs}.
   */
  public static List<String> paramLines(Plan plan) {
    return plan.params().entrySet().stream()
        .map(
            p -> {
              var spec = plan.descriptor().paramSpecs().get(p.getKey());
              String type = spec == null ? "string" : spec.shownType();
              String about =
                  spec == null || spec.description().isEmpty() ? "" : ": " + spec.description();
              return "param " + p.getKey() + " (" + type + ") = " + p.getValue() + about;
            })
        .toList();
  }

  private static String json(Plan plan) {
    return json(plan, null, plan.steps().stream().map(PlanRenderer::jsonStep).toList());
  }

  /**
   * The cells an expansion made, as JSON in the shape of {@code plan --format json}: the plan's
   * header, {@code expansion} (step, state, message, each dynamic axis's values) and the cells as
   * {@code steps}, each with {@code dynamic} (its index in cell order and the number of cells).
   */
  public static String expansion(Plan plan, Expansions.Expansion e) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("step", e.step());
    x.put("state", e.state().name().toLowerCase(Locale.ROOT));
    x.put("message", e.message());
    x.put("axes", e.values());
    List<Object> steps = new ArrayList<>();
    for (int i = 0; i < e.cells().size(); i++) {
      PlannedStep c = e.cells().get(i);
      Map<String, Object> m = jsonStep(c);
      m.put("dynamic", Map.of("step", c.stepName(), "index", i, "cells", e.cells().size()));
      steps.add(m);
    }
    return json(plan, x, steps);
  }

  private static String json(Plan plan, @Nullable Map<String, Object> expansion, List<?> steps) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pipeline", plan.pipeline());
    out.put("descriptor", plan.descriptor().file().toString());
    out.put("params", plan.params());
    out.put("paramTypes", paramTypes(plan));
    if (expansion != null) {
      out.put("expansion", expansion);
    }
    out.put("steps", steps);
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> paramTypes(Plan plan) {
    Map<String, Object> types = new LinkedHashMap<>();
    plan.descriptor()
        .paramSpecs()
        .forEach(
            (name, spec) -> {
              Map<String, Object> t = new LinkedHashMap<>();
              t.put("type", spec.type().id());
              spec.min().ifPresent(m -> t.put("min", m));
              spec.max().ifPresent(m -> t.put("max", m));
              if (!spec.choices().isEmpty()) {
                t.put("choices", spec.choices());
              }
              t.put("default", spec.defaultValue());
              if (!spec.description().isEmpty()) {
                t.put("description", spec.description());
              }
              types.put(name, t);
            });
    return types;
  }

  private static Map<String, Object> jsonStep(PlannedStep s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("step", s.stepName());
    m.put("kind", s.kind().id());
    m.put("needs", s.needs());
    m.put("matrix", s.matrix());
    m.put("command", s.command().display());
    // Relative to the descriptor's directory; front ends that move files between machines read it.
    m.put("outputs", s.spec().cache().outputs());
    Map<String, Object> agent = new LinkedHashMap<>();
    AgentRequest a = s.agent();
    agent.put("label", a.label());
    agent.put("gpus", a.gpus());
    agent.put("gpuModel", a.gpuModel());
    agent.put("gpuMemoryMiB", a.gpuMemoryMiB().isPresent() ? a.gpuMemoryMiB().getAsLong() : null);
    agent.put("cpus", a.cpus());
    agent.put("memoryMiB", a.memoryMiB().isPresent() ? a.memoryMiB().getAsLong() : null);
    m.put("agent", agent);
    m.put("timeoutSeconds", s.timeout().map(t -> t.toMillis() / 1000.0).orElse(null));
    m.put("retryLimit", s.retry().limit());
    m.put("continueOnError", s.continueOnError());
    m.put("skipped", s.skipped());
    m.put("skipReason", s.skipReason());
    m.put("priority", s.priority());
    m.put(
        "concurrency",
        s.concurrency().map(c -> Map.of("group", c.group(), "limit", c.limit())).orElse(null));
    if (Expansions.isPending(s)) {
      MatrixSpec matrix = s.spec().matrix();
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("pending", true);
      x.put("axes", matrix.dynamic());
      x.put("static", matrix.axes());
      x.put("include", matrix.include());
      x.put("exclude", matrix.exclude());
      x.put("maxCells", matrix.maxCells());
      m.put("expansion", x);
    }
    return m;
  }

  /** {@code {lr: ${{ fromJSON(needs.gen.outputs.lrs) }}, seed: [1, 2]}}, in declaration order. */
  private static String axesText(PlannedStep s) {
    MatrixSpec matrix = s.spec().matrix();
    List<String> parts = new ArrayList<>();
    for (String axis : matrix.order()) {
      parts.add(
          axis
              + ": "
              + (matrix.dynamic().containsKey(axis)
                  ? matrix.dynamic().get(axis)
                  : "[" + String.join(", ", matrix.axes().getOrDefault(axis, List.of())) + "]"));
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static String dot(Plan plan) {
    StringBuilder sb =
        new StringBuilder("digraph \"")
            .append(escape(plan.pipeline()))
            .append("\" {\n  rankdir=LR;\n");
    for (PlannedStep s : plan.steps()) {
      sb.append("  \"")
          .append(escape(s.id()))
          .append('"')
          .append(s.skipped() ? " [style=dashed]" : "")
          .append(";\n");
      for (String need : s.needs()) {
        sb.append("  \"")
            .append(escape(need))
            .append("\" -> \"")
            .append(escape(s.id()))
            .append("\";\n");
      }
    }
    return sb.append("}\n").toString();
  }

  private static String mermaid(Plan plan) {
    StringBuilder sb = new StringBuilder("flowchart LR\n");
    Map<String, String> ids = new LinkedHashMap<>();
    for (PlannedStep s : plan.steps()) {
      ids.put(s.id(), "s" + ids.size());
    }
    for (PlannedStep s : plan.steps()) {
      sb.append("  ")
          .append(ids.get(s.id()))
          .append("[\"")
          .append(s.id().replace("\"", "#quot;"))
          .append("\"]\n");
    }
    for (PlannedStep s : plan.steps()) {
      for (String need : s.needs()) {
        if (ids.containsKey(need)) {
          sb.append("  ")
              .append(ids.get(need))
              .append(" --> ")
              .append(ids.get(s.id()))
              .append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
