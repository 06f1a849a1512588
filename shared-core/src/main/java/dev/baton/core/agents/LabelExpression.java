package dev.baton.core.agents;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A Jenkins-syntax label expression such as {@code gpu && (a100 || h100) && !flaky}; the empty
 * expression matches every agent.
 */
public final class LabelExpression {
  private final String text;
  private final LabelNode root;
  private final Set<String> labels;

  private LabelExpression(String text, LabelNode root) {
    this.text = text;
    this.root = root;
    Set<String> atoms = new LinkedHashSet<>();
    collect(root, atoms);
    this.labels = Collections.unmodifiableSet(atoms);
  }

  /**
   * Reads {@code text}; {@code null} or blank text matches everything.
   *
   * @throws LabelExpressionException with the offset of the first problem
   */
  public static LabelExpression parse(String text) {
    String source = text == null ? "" : text;
    return new LabelExpression(source, LabelParser.parse(source));
  }

  /** Whether an agent carrying {@code agentLabels} satisfies the expression. */
  public boolean matches(Set<String> agentLabels) {
    return root.matches(agentLabels);
  }

  /** The labels the expression mentions, in the order they first appear. */
  public Set<String> labels() {
    return labels;
  }

  /** The parsed tree, for translators such as Slurm's {@code --constraint}. */
  public LabelNode root() {
    return root;
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelExpression other && root.equals(other.root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  private static void collect(LabelNode node, Set<String> into) {
    if (node instanceof LabelNode.Atom atom) {
      into.add(atom.label());
    } else if (node instanceof LabelNode.Not not) {
      collect(not.operand(), into);
    } else if (node instanceof LabelNode.And and) {
      collect(and.left(), into);
      collect(and.right(), into);
    } else if (node instanceof LabelNode.Or or) {
      collect(or.left(), into);
      collect(or.right(), into);
    } else if (node instanceof LabelNode.Implies implies) {
      collect(implies.left(), into);
      collect(implies.right(), into);
    } else if (node instanceof LabelNode.Iff iff) {
      collect(iff.left(), into);
      collect(iff.right(), into);
    }
  }
}
