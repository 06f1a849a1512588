package dev.baton.core.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a comma-separated list of step names and ids, such as {@code prepare,train[lr=0.1,l2=0]}: a
 * matrix cell's id has commas of its own, so the list splits only at commas outside brackets and
 * outside quotes. Every front end that takes step ids in one string (the command line's and the
 * Maven goals' choice of steps) reads them here, so they cannot disagree.
 */
public final class StepIdList {
  private StepIdList() {}

  /**
   * The ids in {@code text}, trimmed, blanks dropped, in order, each once. A part may be quoted
   * ({@code 'train[v=a,b]'} or {@code "..."}); the quotes are removed.
   */
  public static Set<String> parse(String text) {
    Set<String> ids = new LinkedHashSet<>();
    if (text == null) {
      return ids;
    }
    for (String part : split(text)) {
      String id = unquote(part.strip());
      if (!id.isBlank()) {
        ids.add(id.strip());
      }
    }
    return ids;
  }

  /** Every value of a repeatable option, each read as a list: {@code a,b} and {@code c}. */
  public static Set<String> parseAll(Collection<String> values) {
    Set<String> ids = new LinkedHashSet<>();
    values.forEach(v -> ids.addAll(parse(v)));
    return ids;
  }

  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
        continue;
      } else if ((c == '\'' || c == '"') && current.toString().isBlank() && closes(text, i)) {
        // Only a quote that opens a part and closes it counts: an apostrophe inside a matrix
        // value (train[msg=it's]) is a character of the id.
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && depth > 0) {
        depth--;
      }
      current.append(c);
    }
    parts.add(current.toString());
    return parts;
  }

  /** Whether the quote at {@code open} is closed by the same quote that ends a part. */
  private static boolean closes(String text, int open) {
    char quote = text.charAt(open);
    int close = text.indexOf(quote, open + 1);
    if (close < 0) {
      return false;
    }
    String after = text.substring(close + 1).stripLeading();
    return after.isEmpty() || after.charAt(0) == ',';
  }

  private static String unquote(String part) {
    if (part.length() >= 2
        && (part.charAt(0) == '\'' || part.charAt(0) == '"')
        && part.charAt(part.length() - 1) == part.charAt(0)) {
      return part.substring(1, part.length() - 1);
    }
    return part;
  }
}
