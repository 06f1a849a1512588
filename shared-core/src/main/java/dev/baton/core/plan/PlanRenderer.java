package dev.baton.core.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Durations;
import dev.baton.core.descriptor.MatrixSpec;
import dev.baton.core.errors.UsageException;
import dev.baton.core.expr.StatusFunction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Prints a plan as text for people, JSON for tools (the Jenkins library), or DOT and Mermaid
 * graphs. Each step is written as it is reached, so a plan of 100,000 cells never exists as one
 * string: {@link #render(Plan, String, Writer)} streams to the console.
 */
public final class PlanRenderer {
  public static final List<String> FORMATS = List.of("text", "json", "dot", "mermaid");

  /** Built on first use: the text format, the one people read, does not load Jackson at all. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private PlanRenderer() {}

  public static String render(Plan plan, String format) {
    StringBuilder sb = new StringBuilder();
    try {
      render(plan, format, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return sb.toString();
  }

  /**
   * Writes the plan in {@code format} to {@code out} step by step; the caller flushes and closes.
   *
   * @throws UsageException when the format is not one of {@link #FORMATS}
   */
  public static void render(Plan plan, String format, Appendable out) throws IOException {
    if (!FORMATS.contains(format)) {
      throw new UsageException(
          "unknown plan format '" + format + "'; use one of " + String.join(", ", FORMATS));
    }
    // Large chunks: a console's PrintStream flushes on every newline it is given.
    Writer w = new BufferedWriter(AppendableWriter.of(out), 1 << 16);
    switch (format) {
      case "json" -> json(plan, w);
      case "dot" -> dot(plan, w);
      case "mermaid" -> mermaid(plan, w);
      default -> text(plan, w);
    }
    w.flush();
  }

  private static void text(Plan plan, Appendable sb) throws IOException {
    sb.append(plan.pipeline())
        .append(": ")
        .append(String.valueOf(plan.steps().size()))
        .append(" steps\n");
    for (String line : paramLines(plan)) {
      sb.append("  ").append(line).append('\n');
    }
    for (PlannedStep s : plan.steps()) {
      sb.append("  ").append(s.id());
      String separator = "  <- ";
      for (String need : s.needs()) {
        sb.append(separator).append(need);
        separator = ", ";
      }
      AgentRequest a = s.agent();
      if (!a.label().isEmpty() || a.gpus() > 0) {
        sb.append("  [")
            .append(a.label().isEmpty() ? "any agent" : a.label())
            .append(a.gpus() > 0 ? ", " + a.gpus() + " GPU" + (a.gpus() > 1 ? "s" : "") : "")
            .append(']');
      }
      if (s.timeout().isPresent()) {
        sb.append("  timeout ").append(Durations.human(s.timeout().get()));
      }
      if (s.skipped()) {
        sb.append("  (skipped: ").append(s.skipReason()).append(')');
      } else if (decidedLate(s)) {
        sb.append("  (when ").append(s.spec().when().strip()).append(", decided as its needs end)");
      }
      if (Expansions.isPending(s)) {
        sb.append("  (pending expansion: matrix ")
            .append(axesText(s))
            .append(" when its needs end)");
      }
      sb.append("\n      ").append(s.command().display().replace("\n", "\n      ")).append('\n');
    }
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

  /**
   * Whether {@code s}'s {@code when} is decided only once its needs have ended: it calls a status
   * function ({@code failure()}...) or reads {@code needs.*}.
   */
  private static boolean decidedLate(PlannedStep s) {
    String when = s.spec().when().strip();
    return !when.isEmpty()
        && (!WhenConditions.statusFunctions(s.spec()).isEmpty()
            || NeedsReferences.readsNeeds(NeedsReferences.of(when, true)));
  }

  private static void json(Plan plan, Writer writer) throws IOException {
    json(plan, null, plan.steps(), PlanRenderer::jsonStep, writer);
  }

  /**
   * The cells an expansion made, as JSON in the shape of the plan's own JSON: the plan's header,
   * {@code expansion} (step, state, message, each dynamic axis's values) and the cells as {@code
   * steps}, each with {@code dynamic} (its index in cell order and the number of cells).
   */
  public static String expansion(Plan plan, Expansions.Expansion e) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("step", e.step());
    x.put("state", e.state().name().toLowerCase(Locale.ROOT));
    x.put("message", e.message());
    x.put("axes", e.values());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int i = 0; i < e.cells().size(); i++) {
      PlannedStep c = e.cells().get(i);
      Map<String, Object> m = jsonStep(c);
      m.put("dynamic", Map.of("step", c.stepName(), "index", i, "cells", e.cells().size()));
      steps.add(m);
    }
    StringWriter out = new StringWriter();
    try {
      json(plan, x, steps, m -> m, out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // a StringWriter does not throw
    }
    return out.toString();
  }

  /** Jackson's generator writes each step as it comes: the same text as one tree, never held. */
  private static <T> void json(
      Plan plan,
      @Nullable Map<String, Object> expansion,
      List<T> steps,
      Function<T, Map<String, Object>> each,
      Writer writer)
      throws IOException {
    ObjectMapper mapper = Json.MAPPER;
    try (JsonGenerator g = mapper.getFactory().createGenerator(writer)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("pipeline", plan.pipeline());
      g.writeStringField("descriptor", plan.descriptor().file().toString());
      g.writeFieldName("params");
      mapper.writeValue(g, plan.params());
      g.writeFieldName("paramTypes");
      mapper.writeValue(g, paramTypes(plan));
      if (expansion != null) {
        g.writeFieldName("expansion");
        mapper.writeValue(g, expansion);
      }
      g.writeFieldName("steps");
      g.writeStartArray();
      for (T s : steps) {
        mapper.writeValue(g, each.apply(s));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    writer.append('\n');
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
    // A when decided as the needs end: what a front end that runs the steps itself must evaluate.
    m.put("when", decidedLate(s) ? s.spec().when().strip() : "");
    m.put(
        "statusFunctions",
        WhenConditions.statusFunctions(s.spec()).stream()
            .map(StatusFunction::functionName)
            .sorted()
            .toList());
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

  private static void dot(Plan plan, Appendable sb) throws IOException {
    sb.append("digraph \"").append(escape(plan.pipeline())).append("\" {\n  rankdir=LR;\n");
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
    sb.append("}\n");
  }

  private static void mermaid(Plan plan, Appendable sb) throws IOException {
    sb.append("flowchart LR\n");
    Map<String, String> ids = new HashMap<>();
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
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
