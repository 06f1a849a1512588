package dev.baton.core.exec.slurm;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.LabelExpression;
import dev.baton.core.agents.LabelNode;
import dev.baton.core.errors.InfrastructureException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where Slurm may run a step with a given label expression: a {@code --constraint} for the part
 * Slurm can express, and an {@code --exclude} list of the nodes that fail the rest.
 *
 * <p>Slurm has no negation, so {@code gpu && !flaky} becomes {@code --constraint=gpu} plus {@code
 * --exclude} of every node, from the inventory read at the start of the run, that is flaky. The
 * same filtering covers {@code ->}, {@code <->} and labels that are node names rather than
 * features. Labels no node has are taken as false before translating, because Slurm rejects a
 * constraint that names an unknown feature even inside an alternative.
 *
 * @param constraint the {@code --constraint} value; empty for none
 * @param exclude nodes to pass to {@code --exclude}; empty for none
 */
public record SlurmNodeSelection(String constraint, List<String> exclude) {
  static final SlurmNodeSelection ANYWHERE = new SlurmNodeSelection("", List.of());

  public SlurmNodeSelection {
    exclude = List.copyOf(exclude);
  }

  /**
   * Where {@code expression} lets a step run among {@code nodes}.
   *
   * @throws InfrastructureException when no node matches the expression
   */
  public static SlurmNodeSelection of(LabelExpression expression, List<Agent> nodes) {
    if (expression.root() instanceof LabelNode.True) {
      return ANYWHERE;
    }
    Set<String> features = new TreeSet<>();
    List<String> notMatching = new ArrayList<>();
    for (Agent node : nodes) {
      node.labels().stream().filter(l -> !l.equals(node.name())).forEach(features::add);
      if (!expression.matches(node.labels())) {
        notMatching.add(node.name());
      }
    }
    if (notMatching.size() == nodes.size()) {
      throw new InfrastructureException(
          "no Slurm node matches label '"
              + expression.text()
              + "' (features on the cluster: "
              + (features.isEmpty() ? "none" : String.join(", ", features))
              + "); change the step's label or ask the Slurm admins for the feature");
    }
    List<LabelNode> conjuncts = new ArrayList<>();
    SlurmConstraint.flatten(expression.root(), true, conjuncts);
    List<LabelNode> kept = new ArrayList<>();
    boolean filter = false;
    for (LabelNode conjunct : conjuncts) {
      if (!SlurmConstraint.expressible(conjunct) || !atomsAreFeatures(conjunct, features, nodes)) {
        filter = true;
        continue;
      }
      Optional<LabelNode> simplified = simplify(conjunct, features);
      if (simplified.isEmpty()) {
        filter = true;
      } else if (!(simplified.get() instanceof LabelNode.True)) {
        kept.add(simplified.get());
      }
    }
    String constraint = "";
    if (!kept.isEmpty()) {
      try {
        constraint = SlurmConstraint.translate(and(kept));
      } catch (UnsupportedOperationException tooComplex) {
        filter = true;
      }
    }
    return new SlurmNodeSelection(constraint, filter ? notMatching : List.of());
  }

  /** Labels that are node names but no node's feature can only be honoured by filtering. */
  private static boolean atomsAreFeatures(LabelNode node, Set<String> features, List<Agent> nodes) {
    Set<String> atoms = new LinkedHashSet<>();
    atoms(node, atoms);
    return atoms.stream()
        .noneMatch(a -> !features.contains(a) && nodes.stream().anyMatch(n -> n.name().equals(a)));
  }

  /** {@code node} with labels no node has replaced by false; empty when it is false as a whole. */
  static Optional<LabelNode> simplify(LabelNode node, Set<String> features) {
    if (node instanceof LabelNode.Atom atom) {
      return features.contains(atom.label()) ? Optional.of(node) : Optional.empty();
    }
    if (node instanceof LabelNode.And and) {
      Optional<LabelNode> l = simplify(and.left(), features);
      Optional<LabelNode> r = simplify(and.right(), features);
      if (l.isEmpty() || r.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          l.get() instanceof LabelNode.True
              ? r.get()
              : r.get() instanceof LabelNode.True ? l.get() : new LabelNode.And(l.get(), r.get()));
    }
    if (node instanceof LabelNode.Or or) {
      Optional<LabelNode> l = simplify(or.left(), features);
      Optional<LabelNode> r = simplify(or.right(), features);
      if (l.isEmpty() || r.isEmpty()) {
        return l.isEmpty() ? r : l;
      }
      boolean always = l.get() instanceof LabelNode.True || r.get() instanceof LabelNode.True;
      return Optional.of(always ? new LabelNode.True() : new LabelNode.Or(l.get(), r.get()));
    }
    return Optional.of(node);
  }

  private static void atoms(LabelNode node, Set<String> into) {
    if (node instanceof LabelNode.Atom atom) {
      into.add(atom.label());
    } else if (node instanceof LabelNode.And and) {
      atoms(and.left(), into);
      atoms(and.right(), into);
    } else if (node instanceof LabelNode.Or or) {
      atoms(or.left(), into);
      atoms(or.right(), into);
    }
  }

  private static LabelNode and(List<LabelNode> nodes) {
    LabelNode out = nodes.get(0);
    for (LabelNode n : nodes.subList(1, nodes.size())) {
      out = new LabelNode.And(out, n);
    }
    return out;
  }
}
