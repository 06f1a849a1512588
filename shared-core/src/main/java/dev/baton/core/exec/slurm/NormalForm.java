package dev.baton.core.exec.slurm;

import dev.baton.core.agents.LabelNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Rewrites an expression of labels, {@code &&} and {@code ||} as an OR of ANDs of labels. */
final class NormalForm {
  private NormalForm() {}

  /**
   * The terms of the disjunctive normal form, each a list of labels in first-seen order, with
   * duplicates and subsumed terms removed ({@code a | a&b} is {@code a}).
   *
   * @throws UnsupportedOperationException when it would need more than {@code maxTerms} terms
   */
  static List<List<String>> disjunctive(LabelNode node, int maxTerms) {
    List<Set<String>> terms = expand(node, maxTerms);
    List<Set<String>> kept = new ArrayList<>();
    for (Set<String> term : terms) {
      boolean subsumed = kept.stream().anyMatch(term::containsAll);
      if (!subsumed) {
        kept.removeIf(k -> k.containsAll(term));
        kept.add(term);
      }
    }
    List<List<String>> out = new ArrayList<>();
    kept.forEach(t -> out.add(List.copyOf(t)));
    return out;
  }

  private static List<Set<String>> expand(LabelNode node, int maxTerms) {
    if (node instanceof LabelNode.Atom atom) {
      Set<String> term = new LinkedHashSet<>();
      term.add(atom.label());
      return List.of(term);
    }
    if (node instanceof LabelNode.Or or) {
      List<Set<String>> out = new ArrayList<>(expand(or.left(), maxTerms));
      out.addAll(expand(or.right(), maxTerms));
      return check(out, maxTerms);
    }
    if (node instanceof LabelNode.And and) {
      List<Set<String>> left = expand(and.left(), maxTerms);
      List<Set<String>> right = expand(and.right(), maxTerms);
      List<Set<String>> out = new ArrayList<>();
      for (Set<String> l : left) {
        for (Set<String> r : right) {
          Set<String> term = new LinkedHashSet<>(l);
          term.addAll(r);
          out.add(term);
        }
      }
      return check(out, maxTerms);
    }
    throw new UnsupportedOperationException("only labels, && and || have a normal form");
  }

  private static List<Set<String>> check(List<Set<String>> terms, int maxTerms) {
    if (terms.size() > maxTerms) {
      throw new UnsupportedOperationException(
          "label expression needs more than " + maxTerms + " alternatives as a Slurm constraint");
    }
    return terms;
  }
}
