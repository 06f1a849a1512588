package dev.baton.core.secrets;

import dev.baton.core.record.RunRecord;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks every string of a run record before any report is written from it: each field of each
 * record in it, and the keys as well as the values of its maps (a metric named after a secret) at
 * any depth. Walking the whole tree, rather than naming the fields that might hold text, keeps a
 * field added later from slipping through. Masking the record rather than each file's bytes also
 * catches a secret that JSON, XML or HTML escaping would have changed.
 */
public final class RecordMasking {
  private RecordMasking() {}

  public static RunRecord mask(RunRecord r, Masker m) {
    return m.isEmpty() ? r : (RunRecord) masked(r, m);
  }

  /**
   * {@code value} with every string in it masked: strings themselves, map keys and values, list
   * elements and record components, at any depth; numbers, booleans, enums and times as they are.
   * Two map keys that mask to the same text are both kept, the second with a numbered suffix.
   */
  public static Object masked(Object value, Masker m) {
    if (value == null || m.isEmpty()) {
      return value;
    }
    if (value instanceof String text) {
      return m.mask(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(unique(out, masked(k, m)), masked(v, m)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(masked(v, m)));
      return out;
    }
    if (value instanceof Record record) {
      return maskedRecord(record, m);
    }
    return value;
  }

  private static Object unique(Map<Object, Object> map, Object key) {
    if (!(key instanceof String text) || !map.containsKey(key)) {
      return key;
    }
    for (int n = 2; ; n++) {
      String candidate = text + " (" + n + ")";
      if (!map.containsKey(candidate)) {
        return candidate;
      }
    }
  }

  private static Record maskedRecord(Record record, Masker m) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = masked(components[i].getAccessor().invoke(record), m);
      }
      Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
      return (Record) canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException t ? t.getCause() : e;
      // Report records are public with public canonical constructors; this is a programming error.
      throw new IllegalStateException(
          "cannot mask " + record.getClass().getName() + ": " + cause, cause);
    }
  }
}
