package dev.baton.core.plan;

import dev.baton.core.descriptor.StepKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which kinds of steps a plan keeps.
 *
 * @param kinds steps of these kinds are planned, with what they need; empty: every kind
 * @param leftOut steps of these kinds, and every step that needs one of them, are not planned (a
 *     front end that must not deploy unless asked leaves out {@link StepKind#DEPLOY})
 */
public record KindSelection(Set<StepKind> kinds, Set<StepKind> leftOut) {
  /** Every step. */
  public static final KindSelection ALL = new KindSelection(Set.of(), Set.of());

  public KindSelection {
    kinds = Set.copyOf(kinds);
    leftOut = Set.copyOf(leftOut);
  }

  /** The steps of {@code kind} (empty: every step) and what they need. */
  public static KindSelection of(Optional<StepKind> kind) {
    return new KindSelection(kind.map(Set::of).orElse(Set.of()), Set.of());
  }

  /** The kinds in the order of {@link StepKind}, for messages. */
  static EnumSet<StepKind> ordered(Set<StepKind> kinds) {
    return kinds.isEmpty() ? EnumSet.noneOf(StepKind.class) : EnumSet.copyOf(kinds);
  }
}
