package dev.baton.core.plan;

import dev.baton.core.record.OrderedMaps;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An unmodifiable map of strings that keeps its order, held in two arrays. A matrix of 100,000
 * cells holds 100,000 of them: each cell shares its keys (the axis names) with every other cell and
 * its values (the axis values) with the matrix, and costs three small objects instead of a hash
 * table. Cells whose environment is the same share one instance. {@link #of} returns a frozen map
 * unchanged, so planned steps can take it without a copy.
 */
final class FrozenMap extends AbstractMap<String, String> implements OrderedMaps.Frozen {
  /** Past this many keys a lookup goes through a hash index instead of a scan. */
  private static final int SCAN = 8;

  static final FrozenMap EMPTY = new FrozenMap(new String[0], new String[0]);

  private final String[] keys;
  private final String[] values;
  private final @Nullable Map<String, Integer> index;

  /** {@code keys} may be shared between maps; neither array may change afterwards. */
  FrozenMap(String[] keys, String[] values) {
    if (keys.length != values.length) {
      throw new IllegalArgumentException(keys.length + " keys, " + values.length + " values");
    }
    this.keys = keys;
    this.values = values;
    if (keys.length > SCAN) {
      Map<String, Integer> byKey = new HashMap<>();
      for (int i = 0; i < keys.length; i++) {
        byKey.put(keys[i], i);
      }
      index = byKey;
    } else {
      index = null;
    }
  }

  /** {@code map} itself when frozen already, else a frozen copy in its order. */
  static Map<String, String> of(Map<String, String> map) {
    if (map instanceof FrozenMap) {
      return map;
    }
    if (map.isEmpty()) {
      return EMPTY;
    }
    String[] k = new String[map.size()];
    String[] v = new String[map.size()];
    int i = 0;
    for (Map.Entry<String, String> e : map.entrySet()) {
      k[i] = e.getKey();
      v[i++] = e.getValue();
    }
    return new FrozenMap(k, v);
  }

  private int indexOf(@Nullable Object key) {
    if (index != null) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public @Nullable String get(@Nullable Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }
}
