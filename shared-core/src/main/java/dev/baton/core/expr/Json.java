package dev.baton.core.expr;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code toJSON} and {@code fromJSON}: JSON text to and from expression values (text, numbers,
 * booleans, null and lists). Reading is bounded: text over {@link #MAX_CHARS} characters, more than
 * {@link #MAX_DEPTH} nested lists or more than {@link #MAX_VALUES} values is an error with a
 * message, never a stack overflow or an exhausted heap.
 */
final class Json {
  static final int MAX_CHARS = 1 << 20;
  static final int MAX_DEPTH = 64;
  static final int MAX_VALUES = 100_000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(1000)
                  .maxStringLength(MAX_CHARS)
                  .build())
          .build();

  private Json() {}

  /** The value as JSON, indented by two spaces as GitHub Actions' {@code toJSON} writes it. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        out.append(indent).append("  ");
        write(list.get(i), out, indent + "  ");
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (value instanceof String s) {
      quote(s, out);
    } else if (value == null) {
      out.append("null");
    } else if (value instanceof BigDecimal d) {
      out.append(Values.toText(d, 0));
    } else {
      out.append(value);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** The value the JSON text stands for; {@code offset} is where errors point. */
  static @Nullable Object read(@Nullable Object text, int offset) {
    if (!(text instanceof String json)) {
      throw new ExpressionException(
          offset,
          "fromJSON needs JSON text, not " + Values.describe(text),
          "pass text such as '[1, 2, 3]' or a step's output");
    }
    if (json.length() > MAX_CHARS) {
      throw new ExpressionException(
          offset,
          "fromJSON's text is longer than " + MAX_CHARS + " characters",
          "pass a smaller value, or a file's path and read the file in the step");
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      int[] count = {0};
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw bad(offset, "it is empty");
      }
      @Nullable Object value = value(parser, first, count, offset);
      if (parser.nextToken() != null) {
        throw bad(offset, "more follows the first value");
      }
      return value;
    } catch (StreamConstraintsException e) {
      throw new ExpressionException(
          offset,
          "fromJSON's text nests deeper than " + MAX_DEPTH + " levels or has a value too long",
          "flatten the value");
    } catch (IOException e) {
      throw bad(offset, firstLine(e));
    }
  }

  /** One value starting at {@code token}; lists are read with an explicit stack, not recursion. */
  private static @Nullable Object value(JsonParser parser, JsonToken token, int[] count, int offset)
      throws IOException {
    List<List<Object>> open = new ArrayList<>();
    JsonToken t = token;
    while (true) {
      if (t == null) {
        throw bad(offset, "it ends inside a list");
      }
      if (++count[0] > MAX_VALUES) {
        throw new ExpressionException(
            offset,
            "fromJSON's text has more than " + MAX_VALUES + " values",
            "pass a smaller value");
      }
      @Nullable Object done;
      switch (t) {
        case START_ARRAY -> {
          open.add(new ArrayList<>());
          t = parser.nextToken();
          if (t != JsonToken.END_ARRAY) {
            continue;
          }
          done = Collections.unmodifiableList(open.remove(open.size() - 1));
        }
        case START_OBJECT ->
            throw new ExpressionException(
                offset,
                "fromJSON read an object; expressions hold text, numbers, booleans, null and lists",
                "write the value as a list, such as [0.1, 0.01]");
        case VALUE_STRING -> done = parser.getText();
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> done = parser.getDecimalValue();
        case VALUE_TRUE -> done = true;
        case VALUE_FALSE -> done = false;
        case VALUE_NULL -> done = null;
        default -> throw bad(offset, "unexpected " + t);
      }
      // Close every list the value completes, then go on with the next element.
      while (true) {
        if (open.isEmpty()) {
          return done;
        }
        open.get(open.size() - 1).add(done);
        t = parser.nextToken();
        if (t != JsonToken.END_ARRAY) {
          break;
        }
        done = Collections.unmodifiableList(open.remove(open.size() - 1));
      }
    }
  }

  private static ExpressionException bad(int offset, String why) {
    return new ExpressionException(
        offset, "fromJSON's text is not JSON: " + why, "pass JSON text such as '[1, 2, 3]'");
  }

  private static String firstLine(IOException e) {
    String m = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    if (m == null) {
      return "it does not parse";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
