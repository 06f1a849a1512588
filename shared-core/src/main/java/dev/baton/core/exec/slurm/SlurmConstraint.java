package dev.baton.core.exec.slurm;

import dev.baton.core.agents.LabelExpression;
import dev.baton.core.agents.LabelNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Translates a label expression into Slurm's {@code --constraint} syntax: {@code &&} becomes {@code
 * &}, {@code ||} becomes {@code |}.
 *
 * <p>Slurm reads a constraint left to right with no precedence ({@code a|b&c} means {@code
 * (a|b)&c}) and accepts one level of parentheses only, so the result is either the expression
 * itself when it is that shallow ({@code gpu&(a100|h100)}) or its disjunctive normal form ({@code
 * (gpu&a100)|(gpu&h100)}). {@code !}, {@code ->} and {@code <->} have no Slurm form: {@link
 * SlurmNodeSelection} handles them by filtering the node inventory.
 */
public final class SlurmConstraint {
  /** Beyond this many alternatives a constraint is unreadable; nodes are filtered instead. */
  static final int MAX_TERMS = 32;

  /** Characters a Slurm feature name may contain; others are constraint syntax. */
  private static final Pattern FEATURE = Pattern.compile("[A-Za-z0-9_.+\\-/=@#%^~]+");

  private SlurmConstraint() {}

  /**
   * The {@code --constraint} value for {@code expression}; empty when it matches every node.
   *
   * @throws UnsupportedOperationException when the expression uses {@code !}, {@code ->} or {@code
   *     <->}, or a label that cannot be a Slurm feature name
   */
  public static String translate(LabelExpression expression) {
    return translate(expression.root());
  }

  /** Whether {@link #translate} can express {@code node} without filtering nodes. */
  static boolean expressible(LabelNode node) {
    if (node instanceof LabelNode.Atom atom) {
      return FEATURE.matcher(atom.label()).matches();
    }
    if (node instanceof LabelNode.And and) {
      return expressible(and.left()) && expressible(and.right());
    }
    if (node instanceof LabelNode.Or or) {
      return expressible(or.left()) && expressible(or.right());
    }
    return node instanceof LabelNode.True;
  }

  static String translate(LabelNode node) {
    if (node instanceof LabelNode.True) {
      return "";
    }
    requireExpressible(node);
    String shallow = shallow(node);
    if (shallow != null) {
      return shallow;
    }
    List<List<String>> terms = NormalForm.disjunctive(node, MAX_TERMS);
    if (terms.size() == 1) {
      return String.join("&", terms.get(0));
    }
    return terms.stream()
        .map(t -> t.size() == 1 ? t.get(0) : "(" + String.join("&", t) + ")")
        .collect(Collectors.joining("|"));
  }

  /** {@code a&(b|c)&d} or {@code a|(b&c)}: one operator on top, atoms or the other below. */
  private static @Nullable String shallow(LabelNode node) {
    boolean and = node instanceof LabelNode.And;
    List<LabelNode> operands = new ArrayList<>();
    flatten(node, and, operands);
    List<String> parts = new ArrayList<>();
    for (LabelNode operand : operands) {
      if (operand instanceof LabelNode.Atom atom) {
        parts.add(atom.label());
        continue;
      }
      List<LabelNode> inner = new ArrayList<>();
      flatten(operand, !and, inner);
      if (!inner.stream().allMatch(n -> n instanceof LabelNode.Atom)) {
        return null;
      }
      String op = and ? "|" : "&";
      parts.add(
          inner.stream()
              .map(n -> ((LabelNode.Atom) n).label())
              .collect(Collectors.joining(op, "(", ")")));
    }
    return String.join(and ? "&" : "|", parts);
  }

  /** The operands of a chain of {@code &&} (or of {@code ||}), left to right. */
  static void flatten(LabelNode node, boolean and, List<LabelNode> into) {
    if (and && node instanceof LabelNode.And a) {
      flatten(a.left(), true, into);
      flatten(a.right(), true, into);
    } else if (!and && node instanceof LabelNode.Or o) {
      flatten(o.left(), false, into);
      flatten(o.right(), false, into);
    } else {
      into.add(node);
    }
  }

  private static void requireExpressible(LabelNode node) {
    if (!expressible(node)) {
      throw new UnsupportedOperationException(
          "label expression uses "
              + describe(node)
              + ", which Slurm's --constraint cannot express; Baton filters the Slurm nodes"
              + " instead");
    }
  }

  private static String describe(LabelNode node) {
    if (node instanceof LabelNode.Not) {
      return "'!'";
    }
    if (node instanceof LabelNode.Implies) {
      return "'->'";
    }
    if (node instanceof LabelNode.Iff) {
      return "'<->'";
    }
    if (node instanceof LabelNode.Atom atom) {
      return expressible(atom) ? "nothing unusual" : "label '" + atom.label() + "'";
    }
    List<LabelNode> children = new ArrayList<>();
    if (node instanceof LabelNode.And and) {
      children = List.of(and.left(), and.right());
    } else if (node instanceof LabelNode.Or or) {
      children = List.of(or.left(), or.right());
    }
    for (LabelNode child : children) {
      if (!expressible(child)) {
        return describe(child);
      }
    }
    return "an unknown operator";
  }
}
