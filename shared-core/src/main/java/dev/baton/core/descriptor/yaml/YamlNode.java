package dev.baton.core.descriptor.yaml;

import dev.baton.core.errors.SourcePosition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the position it was read at, so every later error can point at it. */
public sealed interface YamlNode {

  SourcePosition position();

  /** How this node reads in a "wrong type" message: "a list", "a string", ... */
  String describe();

  /** A mapping; keys keep their own positions and their order. */
  record YamlMap(SourcePosition position, Map<String, Entry> entries) implements YamlNode {
    public YamlMap {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key of a mapping and its value. */
  record Entry(String key, SourcePosition keyPosition, YamlNode value) {}

  /** A sequence. */
  record YamlList(SourcePosition position, List<YamlNode> items) implements YamlNode {
    public YamlList {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar: its text and what YAML made of it.
   *
   * @param quoted written in quotes, so always a string
   */
  record Scalar(SourcePosition position, String text, ScalarType type, boolean quoted)
      implements YamlNode {
    @Override
    public String describe() {
      return switch (type) {
        case STRING -> "a string";
        case INTEGER -> "a number";
        case DECIMAL -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "empty";
      };
    }
  }

  /** The YAML 1.1 core types Jackson reports. */
  enum ScalarType {
    STRING,
    INTEGER,
    DECIMAL,
    BOOLEAN,
    NULL
  }
}
