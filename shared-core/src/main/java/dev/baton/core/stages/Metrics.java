package dev.baton.core.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads metrics: numbers of a JSON object, nested keys joined with dots ({@code eval.auc}), and
 * {@code ::metric name=value} lines a command prints.
 */
public final class Metrics {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern METRIC_LINE =
      Pattern.compile("(?m)^\\s*::metric\\s+([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s*(\\S+)\\s*$");

  private Metrics() {}

  /**
   * The numbers of a JSON object, flattened to dotted names; booleans read as 1 and 0, other values
   * are left out.
   *
   * @throws StageException when the text is not a JSON object
   */
  public static Map<String, Double> fromJson(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new StageException(
          source + " is not valid JSON (" + firstLine(e.getMessage()) + ")",
          "write a JSON object of numbers, such as {\"accuracy\": 0.93}");
    }
    if (root == null || !root.isObject()) {
      throw new StageException(
          source + " is not a JSON object", "write an object such as {\"accuracy\": 0.93}");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    flatten("", root, out);
    return out;
  }

  /** The {@code ::metric name=value} lines of a command's output; later lines win. */
  public static Map<String, Double> fromLines(String output) {
    Map<String, Double> out = new LinkedHashMap<>();
    Matcher m = METRIC_LINE.matcher(output);
    while (m.find()) {
      parse(m.group(2)).ifPresent(v -> out.put(m.group(1), v));
    }
    return out;
  }

  /**
   * The JSON object a command printed: its whole output, or else its last line that is a JSON
   * object (so log lines before it do no harm).
   */
  public static Map<String, Double> fromOutput(String output, String source) {
    String text = output.strip();
    try {
      return fromJson(text, source);
    } catch (StageException whole) {
      String[] lines = text.split("\\R", -1);
      for (int k = lines.length - 1; k >= 0; k--) {
        String line = lines[k].strip();
        if (line.startsWith("{") && line.endsWith("}")) {
          return fromJson(line, source);
        }
      }
      throw new StageException(
          source + " printed no JSON object", "print one, such as {\"error_rate\": 0.002}");
    }
  }

  static Optional<Double> parse(String text) {
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Double> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else if (node.isNumber()) {
      out.put(prefix, node.asDouble());
    } else if (node.isBoolean()) {
      out.put(prefix, node.asBoolean() ? 1.0 : 0.0);
    }
  }

  private static String firstLine(@Nullable String message) {
    String m = message == null ? "" : message;
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
