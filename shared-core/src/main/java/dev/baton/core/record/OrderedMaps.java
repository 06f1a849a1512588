package dev.baton.core.record;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Unmodifiable copies of maps for the run record that keep their order and cost nothing when there
 * is nothing to copy: an empty map is {@link Map#of()}, and a map that is frozen already (a matrix
 * cell's values, shared by every record of the cell) is taken as it is. A run of 100,000 cells made
 * three copies per cell of maps that were empty or shared.
 */
public final class OrderedMaps {
  private OrderedMaps() {}

  /** A map that never changes once made; {@link #copyOf} takes it without a copy. */
  public interface Frozen {}

  /** {@code map} as an unmodifiable map in its order; null as empty. */
  public static <K, V> Map<K, V> copyOf(@Nullable Map<K, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    if (map instanceof Frozen) {
      return map;
    }
    return new FrozenCopy<>(map);
  }

  /** An unmodifiable copy made here: copied again, it is itself. */
  private static final class FrozenCopy<K, V> extends AbstractMap<K, V> implements Frozen {
    private final Map<K, V> map;

    FrozenCopy(Map<K, V> source) {
      this.map = Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
      return map.entrySet();
    }

    @Override
    public @Nullable V get(@Nullable Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
  }
}
