package dev.baton.core.expr;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Bindings that also give the {@linkplain StatusFunction status functions} their values: the
 * engine's view of a step whose needs have ended. An expression evaluated with plain {@link
 * Bindings} cannot call them.
 */
public interface StatusBindings extends Bindings {

  /** The value of {@code function()} for the step being decided. */
  boolean holds(StatusFunction function);

  /** {@code names}, with {@code holds} deciding the status functions. */
  static StatusBindings of(Bindings names, Predicate<StatusFunction> holds) {
    return new StatusBindings() {
      @Override
      public boolean holds(StatusFunction function) {
        return holds.test(function);
      }

      @Override
      public Optional<Object> lookup(List<String> path) {
        return names.lookup(path);
      }

      @Override
      public Set<String> names() {
        return names.names();
      }
    };
  }
}
