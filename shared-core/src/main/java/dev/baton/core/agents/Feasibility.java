package dev.baton.core.agents;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.errors.DidYouMean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether an agent could ever run a step, ignoring what it is busy with now, and if none could,
 * which agents came closest and what each lacks.
 */
public final class Feasibility {
  /**
   * nvidia-smi reports less than the size on the box (a "16 GB" T4 shows 15360 MiB, an "80 GB" H100
   * 81559 MiB), so a GPU qualifies when it has at least this share of the memory asked.
   */
  static final double GPU_MEMORY_TOLERANCE = 0.92;

  private static final int CLOSEST = 3;
  private static final Pattern GPU_MODEL_LIKE = Pattern.compile("[a-zA-Z]{1,3}\\d{1,4}[a-zA-Z]?");

  private Feasibility() {}

  /**
   * Whether {@code agent} has the labels, GPUs, CPUs and memory {@code request} asks for; unknown
   * CPUs, memory or GPU memory never count against it.
   *
   * @throws LabelExpressionException when the request's label cannot be read
   */
  public static boolean fits(AgentRequest request, Agent agent) {
    return AgentShortfall.of(request, LabelExpression.parse(request.label()), agent).fits();
  }

  /**
   * The indices of the agent's GPUs whose model and memory satisfy {@code request}. On an agent
   * with GPUs of several models, the label expression also picks among them: each GPU is judged as
   * if the agent had only its own model label, so {@code gpu && h100} gets H100s, never an A100 of
   * the same machine.
   */
  public static List<Integer> eligibleGpus(AgentRequest request, Agent agent) {
    return eligibleGpus(request, parseOrNull(request.label()), agent);
  }

  static List<Integer> eligibleGpus(
      AgentRequest request, @Nullable LabelExpression expression, Agent agent) {
    boolean perModel = modelLabels(agent).size() > 1 && expression != null;
    List<Integer> eligible = new ArrayList<>();
    for (Gpu gpu : agent.gpus()) {
      if (gpuSatisfies(request, gpu)
          && (!perModel
              || expression == null
              || expression.matches(labelsAsIfOnly(agent, gpu.modelLabel())))) {
        eligible.add(gpu.index());
      }
    }
    return eligible;
  }

  /**
   * Whether {@code agent}'s labels satisfy {@code expression}, judged the way {@link #eligibleGpus}
   * judges GPUs: an agent with GPUs of several models matches when its labels do, or when they
   * would with only one of its models' labels ({@code gpu && !h100} matches a machine with A100s
   * and H100s, and gets its A100s). The up-front check and placement both ask this, so they cannot
   * disagree about a label.
   */
  static boolean labelMatches(LabelExpression expression, Agent agent) {
    if (expression.matches(agent.labels())) {
      return true;
    }
    Set<String> models = modelLabels(agent);
    if (models.size() < 2) {
      return false;
    }
    for (String model : models) {
      if (expression.matches(labelsAsIfOnly(agent, model))) {
        return true;
      }
    }
    return false;
  }

  /** The distinct model labels of the agent's GPUs whose model is known. */
  private static Set<String> modelLabels(Agent agent) {
    Set<String> models = new LinkedHashSet<>();
    for (Gpu gpu : agent.gpus()) {
      if (!gpu.modelLabel().isEmpty()) {
        models.add(gpu.modelLabel());
      }
    }
    return models;
  }

  /** The agent's labels as if {@code model} were its only GPU model. */
  private static Set<String> labelsAsIfOnly(Agent agent, String model) {
    Set<String> labels = new HashSet<>(agent.labels());
    labels.removeAll(modelLabels(agent));
    if (!model.isEmpty()) {
      labels.add(model);
    }
    return labels;
  }

  private static @Nullable LabelExpression parseOrNull(String label) {
    try {
      return LabelExpression.parse(label);
    } catch (LabelExpressionException e) {
      return null;
    }
  }

  /**
   * Why no agent could ever run {@code stepId}, naming the closest agents and what each lacks;
   * empty when some agent could.
   */
  public static Optional<String> whyUnschedulable(
      String stepId, AgentRequest request, List<Agent> agents) {
    LabelExpression expression;
    try {
      expression = LabelExpression.parse(request.label());
    } catch (LabelExpressionException e) {
      return Optional.of("step " + stepId + " cannot be placed: " + e.getMessage());
    }
    List<AgentShortfall> shortfalls = new ArrayList<>();
    for (Agent agent : agents) {
      AgentShortfall shortfall = AgentShortfall.of(request, expression, agent);
      if (shortfall.fits()) {
        return Optional.empty();
      }
      shortfalls.add(shortfall);
    }
    String head = "no agent can run step " + stepId + ": it needs " + needs(request);
    if (agents.isEmpty()) {
      return Optional.of(head + "; there are no agents, declare some under agents:");
    }
    String closest =
        shortfalls.stream()
            .sorted(Comparator.comparingInt(AgentShortfall::failures))
            .limit(CLOSEST)
            .map(AgentShortfall::describe)
            .collect(Collectors.joining("; "));
    return Optional.of(
        head
            + "; closest: "
            + closest
            + unknownLabels(expression, agents)
            + "; use an agent that has them, or lower the request");
  }

  static boolean gpuSatisfies(AgentRequest request, Gpu gpu) {
    String model = request.gpuModel().strip();
    boolean modelOk =
        model.isEmpty()
            || gpu.modelLabel().equalsIgnoreCase(model)
            || gpu.modelLabel().equalsIgnoreCase(GpuModels.label(model));
    boolean memoryOk =
        request.gpuMemoryMiB().isEmpty()
            || gpu.memoryMiB() == 0
            || gpu.memoryMiB() >= request.gpuMemoryMiB().getAsLong() * GPU_MEMORY_TOLERANCE;
    return modelOk && memoryOk;
  }

  /** {@code label 'gpu && h100' and 4 GPUs}: the request in words. */
  static String needs(AgentRequest request) {
    List<String> parts = new ArrayList<>();
    if (!request.label().isBlank()) {
      parts.add("label '" + request.label() + "'");
    }
    if (request.gpus() > 0) {
      String gpus = request.gpus() == 1 ? "1 GPU" : request.gpus() + " GPUs";
      if (!request.gpuModel().isBlank()) {
        gpus += " of model " + request.gpuModel().strip();
      }
      if (request.gpuMemoryMiB().isPresent()) {
        gpus += " with " + MemoryText.of(request.gpuMemoryMiB().getAsLong()) + " each";
      }
      parts.add(gpus);
    }
    if (request.cpus() > 0) {
      parts.add(request.cpus() + (request.cpus() == 1 ? " CPU" : " CPUs"));
    }
    request.memoryMiB().ifPresent(m -> parts.add(MemoryText.of(m) + " of memory"));
    if (parts.isEmpty()) {
      return "nothing in particular";
    }
    String last = parts.remove(parts.size() - 1);
    return parts.isEmpty() ? last : String.join(", ", parts) + " and " + last;
  }

  /** Labels the step requires that no agent carries, when a near one suggests a typo. */
  private static String unknownLabels(LabelExpression expression, List<Agent> agents) {
    Set<String> known = new LinkedHashSet<>();
    agents.forEach(a -> known.addAll(a.labels()));
    StringBuilder text = new StringBuilder();
    for (String label : AgentShortfall.required(expression)) {
      String hint = known.contains(label) ? "" : typoHint(label, known);
      if (!hint.isEmpty()) {
        text.append("; no agent has label '").append(label).append("' (").append(hint).append(')');
      }
    }
    return text.toString();
  }

  /** h100 is one edit from a100 but is another GPU, not a typo: suggest only a case fix for it. */
  private static String typoHint(String label, Set<String> known) {
    if (GPU_MODEL_LIKE.matcher(label).matches()) {
      return known.stream()
          .filter(label::equalsIgnoreCase)
          .findFirst()
          .map(k -> "did you mean '" + k + "'?")
          .orElse("");
    }
    return DidYouMean.hint(label, known);
  }
}
