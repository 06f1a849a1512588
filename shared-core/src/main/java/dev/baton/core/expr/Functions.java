package dev.baton.core.expr;

import dev.baton.core.errors.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The expression language's functions, with GitHub Actions' semantics: {@code contains}, {@code
 * startsWith}, {@code endsWith}, {@code join}, {@code format}, {@code toJSON} and {@code fromJSON}.
 * None has a side effect or reads anything but its arguments. Names match in any case, as in GitHub
 * Actions ({@code fromJson}).
 */
final class Functions {
  /** A function: its name as documented, how many arguments it takes, and what it does. */
  record Function(String name, int minArgs, int maxArgs, String usage, Body body) {}

  /** What a function computes from its evaluated arguments; {@code offset} is its name's. */
  interface Body {
    @Nullable Object apply(List<@Nullable Object> args, int offset);
  }

  private static final Map<String, Function> BY_LOWER_NAME = new TreeMap<>();

  static {
    add(new Function("contains", 2, 2, "contains(search, item)", Functions::contains));
    add(
        new Function(
            "startsWith",
            2,
            2,
            "startsWith(text, prefix)",
            (a, at) -> lower(a.get(0), at).startsWith(lower(a.get(1), at))));
    add(
        new Function(
            "endsWith",
            2,
            2,
            "endsWith(text, suffix)",
            (a, at) -> lower(a.get(0), at).endsWith(lower(a.get(1), at))));
    add(new Function("join", 1, 2, "join(list, separator)", Functions::join));
    add(new Function("format", 1, 64, "format('{0} and {1}', a, b)", Formats::format));
    add(new Function("toJSON", 1, 1, "toJSON(value)", (a, at) -> Json.write(a.get(0))));
    add(new Function("fromJSON", 1, 1, "fromJSON(text)", (a, at) -> Json.read(a.get(0), at)));
  }

  private Functions() {}

  private static void add(Function f) {
    BY_LOWER_NAME.put(f.name().toLowerCase(Locale.ROOT), f);
  }

  /** The function called {@code name} (any case), or empty. */
  static Optional<Function> find(String name) {
    return Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The documented names, for hints. */
  static List<String> names() {
    return BY_LOWER_NAME.values().stream().map(Function::name).toList();
  }

  /**
   * Checks a call while parsing: an unknown name or a wrong number of arguments is an error at the
   * name.
   */
  static Function resolve(String name, int argCount, int offset) {
    Function f =
        find(name)
            .orElseThrow(
                () -> {
                  List<String> known = new ArrayList<>(names());
                  for (StatusFunction s : StatusFunction.values()) {
                    known.add(s.functionName());
                  }
                  String hint = DidYouMean.hint(name, known);
                  return new ExpressionException(
                      offset,
                      "unknown function '" + name + "'",
                      hint.isEmpty()
                          ? "the functions are "
                              + String.join(", ", names())
                              + "; in a step's 'when' also success, failure, cancelled and always"
                          : hint);
                });
    if (argCount < f.minArgs() || argCount > f.maxArgs()) {
      String takes =
          f.minArgs() == f.maxArgs()
              ? String.valueOf(f.minArgs())
              : f.maxArgs() - f.minArgs() == 1
                  ? f.minArgs() + " or " + f.maxArgs()
                  : f.minArgs() + " to " + f.maxArgs();
      throw new ExpressionException(
          offset,
          "'"
              + f.name()
              + "' takes "
              + takes
              + " argument"
              + (f.maxArgs() == 1 ? "" : "s")
              + ", not "
              + argCount,
          "write " + f.usage());
    }
    return f;
  }

  /**
   * {@code contains(list, item)}: whether some element {@code ==} the item; {@code contains(text,
   * part)}: whether the text holds the part, ignoring case.
   */
  private static Object contains(List<Object> args, int offset) {
    Object search = args.get(0);
    Object item = args.get(1);
    if (search instanceof List<?> list) {
      for (Object element : list) {
        if (!(element instanceof List)
            && !(item instanceof List)
            && Values.areEqual(element, item, "contains", offset)) {
          return true;
        }
      }
      return false;
    }
    return lower(search, offset).contains(lower(item, offset));
  }

  /** {@code join(list, separator)}: the elements as text between separators (default ','). */
  private static Object join(List<Object> args, int offset) {
    String separator = args.size() > 1 ? Values.toText(args.get(1), offset) : ",";
    if (!(args.get(0) instanceof List<?> list)) {
      return Values.toText(args.get(0), offset);
    }
    List<String> parts = new ArrayList<>(list.size());
    for (Object element : list) {
      parts.add(Values.toText(element, offset));
    }
    return String.join(separator, parts);
  }

  private static String lower(Object value, int offset) {
    return Values.toText(value, offset).toLowerCase(Locale.ROOT);
  }
}
