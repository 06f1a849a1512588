package dev.baton.core.agents;

import java.util.Set;

/** A parsed label expression: the tree {@link LabelExpression} evaluates and translators walk. */
public sealed interface LabelNode
    permits LabelNode.Atom,
        LabelNode.Not,
        LabelNode.And,
        LabelNode.Or,
        LabelNode.Implies,
        LabelNode.Iff,
        LabelNode.True {

  /** Whether an agent carrying {@code labels} satisfies this node. */
  boolean matches(Set<String> labels);

  /** One label; matches agents that carry it (case-sensitive, as in Jenkins). */
  record Atom(String label) implements LabelNode {
    @Override
    public boolean matches(Set<String> labels) {
      return labels.contains(label);
    }
  }

  /** {@code !operand}. */
  record Not(LabelNode operand) implements LabelNode {
    @Override
    public boolean matches(Set<String> labels) {
      return !operand.matches(labels);
    }
  }

  /** {@code left && right}. */
  record And(LabelNode left, LabelNode right) implements LabelNode {
    @Override
    public boolean matches(Set<String> labels) {
      return left.matches(labels) && right.matches(labels);
    }
  }

  /** {@code left || right}. */
  record Or(LabelNode left, LabelNode right) implements LabelNode {
    @Override
    public boolean matches(Set<String> labels) {
      return left.matches(labels) || right.matches(labels);
    }
  }

  /** {@code left -> right}: when the agent has {@code left}, it must also have {@code right}. */
  record Implies(LabelNode left, LabelNode right) implements LabelNode {
    @Override
    public boolean matches(Set<String> labels) {
      return !left.matches(labels) || right.matches(labels);
    }
  }

  /** {@code left <-> right}: both hold or neither does. */
  record Iff(LabelNode left, LabelNode right) implements LabelNode {
    @Override
    public boolean matches(Set<String> labels) {
      return left.matches(labels) == right.matches(labels);
    }
  }

  /** The empty expression, which every agent satisfies. */
  record True() implements LabelNode {
    @Override
    public boolean matches(Set<String> labels) {
      return true;
    }
  }
}
