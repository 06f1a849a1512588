package dev.baton.core.plan;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code models} context of expressions ({@code ${{ models.model.champion.path }}}): a map that
 * reads its entries the first time an expression looks into it, so a descriptor that reads no model
 * never opens the run history.
 */
public final class ModelContext extends AbstractMap<String, Object> {
  /** The root name in expressions. */
  public static final String ROOT = "models";

  /** No run history: no models. */
  public static final ModelContext NONE = new ModelContext(Map::of);

  private final Supplier<Map<String, Object>> load;
  private @Nullable Map<String, Object> cache;

  public ModelContext(Supplier<Map<String, Object>> load) {
    this.load = load;
  }

  private synchronized Map<String, Object> loaded() {
    Map<String, Object> m = cache;
    if (m == null) {
      m = Map.copyOf(load.get());
      cache = m;
    }
    return m;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return loaded().entrySet();
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return loaded().containsKey(key);
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    return loaded().get(key);
  }
}
