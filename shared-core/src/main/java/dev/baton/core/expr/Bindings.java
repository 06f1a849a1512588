package dev.baton.core.expr;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named values an expression can read, such as params.dataset, matrix.lr or env.HOME.
 *
 * <p>Values may be String, Number, Boolean, null, a List of those, or a Map for a group of names.
 * Because an {@link Optional} cannot hold null, a name that exists with a null value is one that
 * {@link #names()} lists while {@link #lookup(List)} returns empty.
 */
public interface Bindings {

  /**
   * Value at a dotted path such as ["params","dataset"], or Optional.empty() when there is none.
   */
  Optional<Object> lookup(List<String> path);

  /** Names that exist (dotted), for did-you-mean hints. */
  Set<String> names();

  /**
   * Bindings over nested maps such as {"params": {"dataset": "x"}, "matrix": {"lr": 0.01}}.
   *
   * <p>The maps are read, not copied. A key that itself contains dots ({"eval.auc": 0.9}, as flat
   * metrics files have) is found too when no nested map matches.
   */
  static Bindings of(Map<String, ?> nested) {
    return new MapBindings(nested);
  }
}
