package dev.baton.core.descriptor.fuzz;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.plan.Planner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code baton plan} does with a descriptor, and whether it behaved: it either plans, or
 * throws a {@link DescriptorException} whose every problem points into the input and reads like a
 * message for a person, not a Java trace.
 */
final class DescriptorOracle {
  static final Path FILE = Path.of("fuzz", "baton.yaml");

  /** Java class names and stack-trace lines that a user must never see. */
  private static final Pattern JAVA_LEAK =
      Pattern.compile(
          "(?:java|javax|jdk|sun|dev\\.baton|com\\.fasterxml|org\\.snakeyaml|org\\.yaml)"
              + "\\.[a-z]+[.$][A-Za-z]+|\\b[A-Z][A-Za-z]*(?:Exception|Error|Event)\\b"
              + "|\\n\\s+at [a-z]|Cannot invoke|because \""
              // A library's method named in its own message: `StreamReadConstraints.getMax...()`.
              + "|\\b[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+\\.[a-z]\\w*\\(\\)");

  private DescriptorOracle() {}

  /**
   * How an input was handled.
   *
   * @param read whether the descriptor reader accepted it (the planner may still refuse it)
   * @param problem empty when the input was handled well; otherwise what went wrong
   */
  record Answer(boolean read, Optional<String> problem) {}

  static Answer check(String input) {
    boolean read = false;
    try {
      PipelineDescriptor d = DescriptorReader.parse(FILE, input);
      read = true;
      Plan plan = Planner.plan(d, Map.of(), Set.of(), Optional.empty());
      PlanRenderer.render(plan, "text");
      PlanRenderer.render(plan, "json");
      return new Answer(read, Optional.empty());
    } catch (DescriptorException e) {
      return new Answer(read, checkProblems(e, input));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new Answer(read, Optional.of("not a descriptor error: " + trace(e)));
    }
  }

  /** Empty when reading {@code file} failed as it should: one descriptor error naming it. */
  static Optional<String> checkRefused(Path file) {
    try {
      DescriptorReader.read(file);
      return Optional.of("read as a descriptor");
    } catch (DescriptorException e) {
      if (e.problems().size() != 1) {
        return Optional.of("not one problem: " + e.getMessage());
      }
      String text = e.problems().get(0).format();
      if (!text.startsWith(file + ": ")) {
        return Optional.of("does not start with the file's name: " + text);
      }
      Matcher leak = JAVA_LEAK.matcher(text);
      return leak.find()
          ? Optional.of("a message that shows Java internals ('" + leak.group() + "'): " + text)
          : Optional.empty();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return Optional.of("not a descriptor error: " + trace(e));
    }
  }

  private static Optional<String> checkProblems(DescriptorException e, String input) {
    if (e.problems().isEmpty()) {
      return Optional.of("a descriptor error with no problem in it: " + e.getMessage());
    }
    int lines = lineCount(input);
    for (DescriptorProblem p : e.problems()) {
      if (!p.position().file().equals(FILE.toString())
          || p.position().line() < 1
          || p.position().line() > lines + 1
          || p.position().column() < 1) {
        return Optional.of("a problem outside the input (" + lines + " lines): " + p.format());
      }
      String text = p.format();
      Matcher leak = JAVA_LEAK.matcher(text);
      while (leak.find()) {
        if (!input.contains(leak.group())) {
          return Optional.of(
              "a message that shows Java internals ('" + leak.group() + "'): " + text);
        }
      }
    }
    return Optional.empty();
  }

  /** Lines as YAML counts them: CR, LF, CRLF, NEL and the Unicode separators all end one. */
  static int lineCount(String input) {
    return input.split("\r\n|[\r\n\u0085\u2028\u2029]", -1).length;
  }

  static String trace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s;
  }
}
