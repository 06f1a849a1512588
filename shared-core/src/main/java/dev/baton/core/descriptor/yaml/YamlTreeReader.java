package dev.baton.core.descriptor.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML text into a {@link YamlNode} tree that remembers positions. Rejects what a pipeline
 * descriptor must not contain — anchors, aliases, tags, duplicate keys, several documents — and
 * input past size and nesting limits, collecting every problem it can instead of stopping at the
 * first.
 */
public final class YamlTreeReader {
  /**
   * Room for generated descriptors: 20,000 steps of 400 characters each (a 10,000-step DAG written
   * one step a line is 0.43 MiB). A larger file is a mistake or an attack, and is refused before it
   * is parsed.
   */
  public static final int MAX_BYTES = 8 << 20;

  /** {@link #MAX_BYTES} as people read it, for messages. */
  public static final String MAX_SIZE = "8 MiB";

  public static final int MAX_DEPTH = 32;

  /**
   * How many problems one file reports before reading stops: a generated file with a mistake on
   * every line (an alias per item, say) gets a readable list, not millions of lines.
   */
  public static final int MAX_PROBLEMS = 100;

  /**
   * How many values (mappings, lists, scalars) a descriptor may hold: 20 for each of 20,000 steps.
   * Each costs the parser a few microseconds and a few hundred bytes, so a file of millions of
   * one-character items (a flow list {@code [x,x,x,...]} of 8 MiB) is refused instead of read for a
   * minute.
   */
  public static final int MAX_VALUES = 400_000;

  private static final LinearYamlFactory FACTORY =
      new LinearYamlFactory(
          YAMLFactory.builder()
              .loaderOptions(loaderOptions())
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(MAX_DEPTH + 8)
                      .maxStringLength(MAX_BYTES)
                      .build()));

  private final String file;
  private final List<DescriptorProblem> problems = new ArrayList<>();
  private YAMLParser parser;
  private String[] lines = new String[0];
  private boolean nestingReported;
  private int values;

  @SuppressWarnings("NullAway.Init") // parser: readAll, the one way in, sets it before any read
  private YamlTreeReader(String file) {
    this.file = file;
  }

  /** SnakeYAML's own bound (3 MB by default) raised past ours, which is checked first. */
  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES + 1);
    return options;
  }

  /**
   * Parses {@code text}; returns the root (null when unreadable) and adds every problem found to
   * {@code problems}.
   */
  public static @Nullable YamlNode read(
      String file, String text, List<DescriptorProblem> problems) {
    YamlTreeReader reader = new YamlTreeReader(file);
    YamlNode root = reader.readAll(text);
    problems.addAll(reader.problems);
    return root;
  }

  private @Nullable YamlNode readAll(String text) {
    try {
      return readTree(text);
    } catch (Stop e) {
      problems.add(e.problem);
      return null;
    }
  }

  private @Nullable YamlNode readTree(String text) {
    if (text.length() > MAX_BYTES) {
      problem(
          positionOf(text, MAX_BYTES),
          "the descriptor is larger than " + MAX_SIZE + "; it reaches the limit here",
          "a descriptor this large is almost certainly a mistake; split the data out into files the steps read");
      return null;
    }
    lines = text.split("\n", -1);
    try (YAMLParser p = FACTORY.parserOf(text)) {
      parser = p;
      JsonToken first = p.nextToken();
      if (first == null) {
        problem(
            new SourcePosition(file, 1, 1),
            "the file is empty",
            "start from examples/quickstart/baton.yaml");
        return null;
      }
      YamlNode root = readValue(first, 0);
      if (p.nextToken() != null) {
        problem(
            position(p.currentTokenLocation()),
            "the file holds more than one YAML document",
            "keep one pipeline per file and remove the '---' separator");
      }
      return root;
    } catch (Stop e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (YamlErrorText.isNestingLimit(e.getMessage())) {
        // The parser's own guard, past ours: say it once, in the words ours uses.
        if (!nestingReported) {
          tooDeep(errorPosition(e));
        }
        return null;
      }
      problem(
          errorPosition(e),
          "not valid YAML: " + YamlErrorText.of(e.getMessage()),
          "check indentation and quoting at that place");
      return null;
    }
  }

  private YamlNode readValue(JsonToken token, int depth) throws IOException {
    SourcePosition at = position(parser.currentTokenLocation());
    if (++values > MAX_VALUES) {
      throw new Stop(
          new DescriptorProblem(
              at,
              "the descriptor holds more than " + MAX_VALUES + " values; it reaches the limit here",
              "a descriptor this large is almost certainly a mistake; split the data out into files"
                  + " the steps read"));
    }
    checkNoAnchorOrTag(at);
    if (depth > MAX_DEPTH) {
      tooDeep(at);
      parser.skipChildren();
      return new YamlNode.Scalar(at, "", YamlNode.ScalarType.NULL, false);
    }
    return switch (token) {
      case START_OBJECT -> readMap(at, depth);
      case START_ARRAY -> readList(at, depth);
      default -> readScalar(token, at);
    };
  }

  private YamlNode readMap(SourcePosition at, int depth) throws IOException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      SourcePosition keyAt = position(parser.currentTokenLocation());
      YamlNode value = readValue(parser.nextToken(), depth + 1);
      YamlNode.Entry previous = entries.get(key);
      if (previous != null) {
        problem(
            keyAt,
            "duplicate key '"
                + key
                + "' (first defined at line "
                + previous.keyPosition().line()
                + ")",
            "remove one of the two, or merge them");
        continue;
      }
      entries.put(key, new YamlNode.Entry(key, keyAt, value));
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IOException("unexpected " + t + " in a mapping");
    }
    return new YamlNode.YamlMap(at, entries);
  }

  private YamlNode readList(SourcePosition at, int depth) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new IOException("unexpected end of file in a list");
      }
      items.add(readValue(t, depth + 1));
    }
    return new YamlNode.YamlList(at, items);
  }

  private YamlNode readScalar(JsonToken token, SourcePosition at) throws IOException {
    if (parser.isCurrentAlias()) {
      problem(
          at,
          "YAML aliases (*" + parser.getText() + ") are not allowed",
          "write the value out in full: descriptors stay readable without anchors");
      return new YamlNode.Scalar(at, "", YamlNode.ScalarType.NULL, false);
    }
    String text = parser.getText();
    YamlNode.ScalarType type;
    switch (token) {
      case VALUE_NUMBER_INT -> type = YamlNode.ScalarType.INTEGER;
      case VALUE_NUMBER_FLOAT -> type = YamlNode.ScalarType.DECIMAL;
      case VALUE_TRUE, VALUE_FALSE -> type = YamlNode.ScalarType.BOOLEAN;
      case VALUE_NULL -> {
        type = YamlNode.ScalarType.NULL;
        text = "";
      }
      default -> type = YamlNode.ScalarType.STRING;
    }
    return new YamlNode.Scalar(
        at, text == null ? "" : text, type, token == JsonToken.VALUE_STRING && quotedAt(at));
  }

  /** Jackson does not expose a scalar's style, so look at the source: a quote opens it. */
  private boolean quotedAt(SourcePosition at) {
    if (at.line() < 1 || at.line() > lines.length) {
      return false;
    }
    String line = lines[at.line() - 1];
    int i = at.column() - 1;
    return i >= 0 && i < line.length() && (line.charAt(i) == '\'' || line.charAt(i) == '"');
  }

  private void checkNoAnchorOrTag(SourcePosition at) throws IOException {
    String anchor = parser.getObjectId() == null ? null : String.valueOf(parser.getObjectId());
    if (anchor != null) {
      problem(
          at,
          "YAML anchors (&" + anchor + ") are not allowed",
          "write the value out in full, or move shared settings to 'defaults:'");
    }
    Object tag = parser.getTypeId();
    if (tag != null) {
      problem(
          at,
          "YAML tags (" + tag + ") are not allowed",
          "remove the tag; descriptors use plain YAML values only");
    }
  }

  private SourcePosition position(JsonLocation location) {
    return new SourcePosition(
        file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /** The line and column of character {@code offset}, counting line breaks as YAML does. */
  private SourcePosition positionOf(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      char c = text.charAt(i);
      boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
      if (!crlf && (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')) {
        line++;
        column = 1;
      } else if (!crlf) {
        column++;
      }
    }
    return new SourcePosition(file, line, column);
  }

  private SourcePosition errorPosition(Exception e) {
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      return position(jpe.getLocation());
    }
    if (parser != null) {
      return position(parser.currentLocation());
    }
    return new SourcePosition(file, 1, 1);
  }

  private void tooDeep(SourcePosition at) {
    nestingReported = true;
    problem(
        at,
        "the descriptor nests deeper than " + MAX_DEPTH + " levels",
        "flatten the structure: no Baton setting needs more than a few levels");
  }

  private void problem(SourcePosition at, String message, String hint) {
    if (problems.size() >= MAX_PROBLEMS) {
      throw new Stop(
          new DescriptorProblem(
              at, "reading stopped after " + MAX_PROBLEMS + " problems", "fix these first"));
    }
    problems.add(new DescriptorProblem(at, message, hint));
  }

  /** Stops reading: a file past a bound on its work, or with more problems than anyone reads. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient DescriptorProblem problem;

    Stop(DescriptorProblem problem) {
      super(null, null, false, false);
      this.problem = problem;
    }
  }
}
