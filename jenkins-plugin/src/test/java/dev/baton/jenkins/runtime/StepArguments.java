package dev.baton.jenkins.runtime;

import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one step call as Groovy passed them ({@code sh 'x'}, {@code sh(script: 'x')},
 * {@code node('l') { }}), read the way Jenkins binds them: named arguments, or one positional
 * argument under the step's default name, and an optional trailing body closure.
 */
final class StepArguments {
  private final Map<String, Object> named = new LinkedHashMap<>();
  private final Closure<?> body;

  StepArguments(Object[] args, String positionalName) {
    Closure<?> last = null;
    int count = args.length;
    if (count > 0 && args[count - 1] instanceof Closure<?> closure) {
      last = closure;
      count--;
    }
    this.body = last;
    if (count == 1 && args[0] instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        named.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
    } else if (count >= 1) {
      named.put(positionalName, plain(args[0]));
    }
  }

  Map<String, Object> named() {
    return named;
  }

  /** Named arguments without closures, as recorded. */
  Map<String, Object> recorded() {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : named.entrySet()) {
      copy.put(e.getKey(), e.getValue() instanceof Closure<?> ? "{closure}" : e.getValue());
    }
    return copy;
  }

  Closure<?> body() {
    return body;
  }

  String string(String name) {
    Object value = named.get(name);
    return value == null ? null : value.toString();
  }

  boolean flag(String name) {
    return Boolean.TRUE.equals(named.get(name));
  }

  int integer(String name, int otherwise) {
    Object value = named.get(name);
    return value == null ? otherwise : Integer.parseInt(value.toString());
  }

  /** GStrings become Strings, recursively in lists and maps, as Jenkins' step binding does. */
  static Object plain(Object value) {
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (Object item : list) {
        copy.add(plain(item));
      }
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        copy.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
      return copy;
    }
    return value;
  }
}
