package dev.baton.core.descriptor.yaml;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a YAML library's error message into one a person can act on: its first line, with the
 * library's own event objects ({@code <org.yaml.snakeyaml.events.MappingStartEvent(...)>}) and
 * class names replaced by words.
 */
final class YamlErrorText {
  private static final Pattern EVENT =
      Pattern.compile("<?(?:[a-z]+\\.)+(\\w+?)Event(?:\\([^)]*\\))?>?");
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z]+\\.){2,}[A-Z]\\w*");
  private static final Pattern NESTING =
      Pattern.compile("(?i)nesting depth|getMaxNestingDepth|nesting depth exceeded");

  /** Where a limit came from, in the library's words: "(40, from `StreamReadConstraints...`)". */
  private static final Pattern LIMIT_SOURCE = Pattern.compile(",? from `[^`]*`");

  private static final Map<String, String> EVENTS =
      Map.of(
          "MappingStart", "the start of a mapping",
          "MappingEnd", "the end of a mapping",
          "SequenceStart", "the start of a list",
          "SequenceEnd", "the end of a list",
          "Scalar", "a value",
          "Alias", "an alias",
          "DocumentStart", "the start of a document",
          "DocumentEnd", "the end of a document",
          "StreamEnd", "the end of the file");

  private YamlErrorText() {}

  /**
   * Whether the message is a parser's nesting guard (Jackson's or SnakeYAML's), not a syntax error.
   */
  static boolean isNestingLimit(@Nullable String message) {
    return message != null && NESTING.matcher(message).find();
  }

  static String of(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    String line =
        LIMIT_SOURCE.matcher((nl < 0 ? message : message.substring(0, nl)).strip()).replaceAll("");
    Matcher events = EVENT.matcher(line);
    StringBuilder sb = new StringBuilder();
    while (events.find()) {
      events.appendReplacement(
          sb, Matcher.quoteReplacement(EVENTS.getOrDefault(events.group(1), "something else")));
    }
    events.appendTail(sb);
    return QUALIFIED.matcher(sb.toString()).replaceAll("something unexpected");
  }
}
