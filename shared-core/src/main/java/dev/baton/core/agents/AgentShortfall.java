package dev.baton.core.agents;

import dev.baton.core.descriptor.AgentRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one agent lacks for a request, in words: a label problem (empty when the label matches), the
 * labels that did match, and each other shortfall (GPUs, CPUs, memory).
 */
record AgentShortfall(Agent agent, String labelProblem, String matchedLabels, List<String> lacks) {
  private static final int MAX_LABELS_SHOWN = 8;

  boolean fits() {
    return labelProblem.isEmpty() && lacks.isEmpty();
  }

  /** How many criteria fail: the closest agents fail the fewest. */
  int failures() {
    return (labelProblem.isEmpty() ? 0 : 1) + lacks.size();
  }

  /** {@code agent ws1 has labels a100, gpu but not h100}. */
  String describe() {
    String has;
    if (!labelProblem.isEmpty()) {
      List<String> all = new ArrayList<>(List.of(labelProblem));
      all.addAll(lacks);
      has = String.join(" and ", all);
    } else if (!matchedLabels.isEmpty()) {
      has = matchedLabels + " but " + String.join(" and ", lacks);
    } else {
      has = String.join(" and ", lacks);
    }
    return "agent " + agent.name() + " has " + has;
  }

  static AgentShortfall of(AgentRequest request, LabelExpression expression, Agent agent) {
    Set<String> labels = agent.labels();
    boolean labelOk = Feasibility.labelMatches(expression, agent);
    String labelProblem = labelOk ? "" : labelProblem(expression, agent);
    Set<String> matched = new LinkedHashSet<>(required(expression));
    matched.retainAll(labels);
    List<String> lacks = new ArrayList<>();
    int eligible = Feasibility.eligibleGpus(request, expression, agent).size();
    if (eligible < request.gpus()) {
      lacks.add(gpuShortfall(agent.gpus(), eligible, request.gpus()));
    }
    if (request.cpus() > 0 && agent.cpus() > 0 && agent.cpus() < request.cpus()) {
      lacks.add(agent.cpus() + " CPUs (needs " + request.cpus() + ")");
    }
    if (request.memoryMiB().isPresent()
        && agent.memoryMiB().isPresent()
        && agent.memoryMiB().getAsLong() < request.memoryMiB().getAsLong()) {
      lacks.add(
          MemoryText.of(agent.memoryMiB().getAsLong())
              + " of memory (needs "
              + MemoryText.of(request.memoryMiB().getAsLong())
              + ")");
    }
    return new AgentShortfall(agent, labelProblem, String.join(", ", matched), lacks);
  }

  /** Labels an agent must carry for the expression to hold: those not under a negation. */
  static Set<String> required(LabelExpression expression) {
    Set<String> required = new LinkedHashSet<>();
    polarity(expression.root(), true, required, new LinkedHashSet<>());
    return required;
  }

  private static String labelProblem(LabelExpression expression, Agent agent) {
    Set<String> shown = new TreeSet<>(agent.labels());
    shown.remove(agent.name());
    String has = shown.isEmpty() ? "no labels besides its name" : "labels " + list(shown);
    Set<String> wanted = new LinkedHashSet<>();
    Set<String> unwanted = new LinkedHashSet<>();
    polarity(expression.root(), true, wanted, unwanted);
    Set<String> labels = agent.labels();
    List<String> missing = new ArrayList<>();
    Set<String> withMissing = new LinkedHashSet<>(labels);
    for (String label : wanted) {
      if (!labels.contains(label)) {
        missing.add(label + caseHint(label, labels));
        withMissing.add(label);
      }
    }
    unwanted.retainAll(labels);
    Set<String> withoutUnwanted = new LinkedHashSet<>(labels);
    withoutUnwanted.removeAll(unwanted);
    // Name what actually stands in the way: a missing label, an excluded one, or both.
    boolean addingHelps = !missing.isEmpty() && expression.matches(withMissing);
    boolean removingHelps = !unwanted.isEmpty() && expression.matches(withoutUnwanted);
    String notHas = " but not " + String.join(", ", missing);
    String excluded = ", and the label excludes " + String.join(", ", unwanted);
    if (addingHelps || (!removingHelps && !missing.isEmpty() && unwanted.isEmpty())) {
      return has + notHas;
    } else if (removingHelps || (missing.isEmpty() && !unwanted.isEmpty())) {
      return has + excluded;
    } else if (!missing.isEmpty()) {
      return has + notHas + excluded;
    }
    return has + ", which do not match";
  }

  /** Labels are case-sensitive, as in Jenkins; say so when that is all that is wrong. */
  private static String caseHint(String label, Set<String> labels) {
    for (String present : labels) {
      if (present.equalsIgnoreCase(label)) {
        return " (it has " + present + "; labels are case-sensitive)";
      }
    }
    return "";
  }

  private static String list(Set<String> labels) {
    List<String> all = new ArrayList<>(labels);
    if (all.size() <= MAX_LABELS_SHOWN) {
      return String.join(", ", all);
    }
    return String.join(", ", all.subList(0, MAX_LABELS_SHOWN)) + ", ...";
  }

  private static String gpuShortfall(List<Gpu> gpus, int eligible, int needed) {
    String needs = " (needs " + needed + ")";
    if (gpus.isEmpty()) {
      return "no GPUs" + needs;
    }
    String count = gpus.size() == 1 ? "1 GPU" : gpus.size() + " GPUs";
    if (eligible == gpus.size()) {
      return count + needs;
    }
    return count + " (" + summary(gpus) + ") of which " + eligible + " qualify" + needs;
  }

  /** {@code 2x a100 80 GiB, 2x h100 79.6 GiB}. */
  private static String summary(List<Gpu> gpus) {
    Map<String, Integer> groups = new LinkedHashMap<>();
    for (Gpu gpu : gpus) {
      String model = gpu.modelLabel().isEmpty() ? gpu.model() : gpu.modelLabel();
      String key = gpu.memoryMiB() > 0 ? model + " " + MemoryText.of(gpu.memoryMiB()) : model;
      groups.merge(key, 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    groups.forEach((key, n) -> parts.add(n + "x " + key));
    return String.join(", ", parts);
  }

  private static void polarity(
      LabelNode node, boolean positive, Set<String> wanted, Set<String> unwanted) {
    if (node instanceof LabelNode.Atom atom) {
      (positive ? wanted : unwanted).add(atom.label());
    } else if (node instanceof LabelNode.Not not) {
      polarity(not.operand(), !positive, wanted, unwanted);
    } else if (node instanceof LabelNode.And and) {
      polarity(and.left(), positive, wanted, unwanted);
      polarity(and.right(), positive, wanted, unwanted);
    } else if (node instanceof LabelNode.Or or) {
      polarity(or.left(), positive, wanted, unwanted);
      polarity(or.right(), positive, wanted, unwanted);
    } else if (node instanceof LabelNode.Implies implies) {
      polarity(implies.left(), !positive, wanted, unwanted);
      polarity(implies.right(), positive, wanted, unwanted);
    } else if (node instanceof LabelNode.Iff iff) {
      for (LabelNode side : List.of(iff.left(), iff.right())) {
        polarity(side, true, wanted, unwanted);
        polarity(side, false, wanted, unwanted);
      }
    }
  }
}
