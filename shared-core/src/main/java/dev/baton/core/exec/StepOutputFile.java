package dev.baton.core.exec;

import dev.baton.core.io.UserFiles;
import dev.baton.core.record.OrderedMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the file a step wrote its outputs to ({@code $BATON_OUTPUT}), in GitHub Actions' {@code
 * $GITHUB_OUTPUT} format: {@code name=value} lines and multi-line values as {@code name<<DELIM},
 * the value's lines, then a line that is exactly {@code DELIM}. Empty lines are ignored, a later
 * value for the same name replaces an earlier one, lines may end in CRLF. The file is read through
 * {@link UserFiles} (a regular file only, at most {@link #MAX_BYTES}), so a step that replaced it
 * with a FIFO or a link to {@code /dev/zero} gets an error, not a hung or exhausted Baton.
 */
public final class StepOutputFile {
  /** The environment variable that names the file. */
  public static final String ENV = "BATON_OUTPUT";

  public static final long MAX_BYTES = UserFiles.MiB;
  public static final int MAX_OUTPUTS = 1000;

  // Names are read in expressions as needs.<step>.outputs.<name>: identifiers, dashes allowed.
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private StepOutputFile() {}

  /**
   * The output file of {@code attempt} of the step whose log is {@code log}: beside the log (on the
   * file system a Slurm node shares with Baton), named like its exit file.
   */
  public static Path of(Path log, int attempt) {
    String name = log.getFileName().toString();
    String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    return log.resolveSibling(base + ".attempt-" + attempt + ".outputs");
  }

  /** What a step's output file held, or why it could not be read. */
  public sealed interface Result permits Read, Invalid {}

  /** The outputs, in the order they were first written. */
  public record Read(Map<String, String> outputs) implements Result {
    public Read {
      outputs = OrderedMaps.copyOf(outputs);
    }
  }

  /** The file is not valid; {@code message} says what is wrong and how to fix it. */
  public record Invalid(String message) implements Result {}

  /**
   * The outputs of step {@code stepId} in {@code file}; no outputs when the step did not create it.
   */
  public static Result read(Path file, String stepId) {
    String text;
    try {
      // One lstat: most steps leave the file Baton created empty, and it needs no reading.
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        return invalid(stepId, 0, "is a symbolic link", "write the outputs to the file itself");
      }
      if (attributes.isRegularFile() && attributes.size() == 0) {
        return new Read(Map.of());
      }
      text = UserFiles.readText(file, "step output file", MAX_BYTES);
    } catch (NoSuchFileException e) {
      return new Read(Map.of());
    } catch (IOException e) {
      return new Invalid(
          "step "
              + stepId
              + ": its output file $"
              + ENV
              + " ("
              + file
              + ") cannot be read: "
              + e.getMessage());
    }
    return parse(text, stepId);
  }

  /** Parses the text of an output file written by step {@code stepId}. */
  public static Result parse(String text, String stepId) {
    Map<String, String> outputs = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    int n = lines.length;
    // A final newline leaves one empty string after it: not a line of its own.
    if (n > 0 && lines[n - 1].isEmpty()) {
      n--;
    }
    for (int i = 0; i < n; i++) {
      String line = stripCr(lines[i]);
      int lineNo = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (line.indexOf('\0') >= 0) {
        return invalid(stepId, lineNo, "holds a NUL character", "write text values only");
      }
      int eq = line.indexOf('=');
      int heredoc = line.indexOf("<<");
      String name;
      String value;
      if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
        name = line.substring(0, eq);
        value = line.substring(eq + 1);
      } else if (heredoc >= 0) {
        name = line.substring(0, heredoc);
        String delimiter = line.substring(heredoc + 2);
        if (delimiter.isEmpty()) {
          return invalid(
              stepId,
              lineNo,
              "'" + shorten(line) + "' has no delimiter after <<",
              "write name<<DELIM, the value's lines, then DELIM alone on a line");
        }
        StringBuilder v = new StringBuilder();
        int end = -1;
        for (int j = i + 1; j < n; j++) {
          String l = stripCr(lines[j]);
          if (l.equals(delimiter)) {
            end = j;
            break;
          }
          if (l.indexOf('\0') >= 0) {
            return invalid(stepId, j + 1, "holds a NUL character", "write text values only");
          }
          if (j > i + 1) {
            v.append('\n');
          }
          v.append(l);
        }
        if (end < 0) {
          return invalid(
              stepId,
              lineNo,
              "the value of '" + shorten(name) + "' has no closing line " + shorten(delimiter),
              "end the value with a line that is exactly " + shorten(delimiter));
        }
        value = v.toString();
        i = end;
      } else {
        return invalid(
            stepId,
            lineNo,
            "'" + shorten(line) + "' is neither name=value nor name<<DELIM",
            "write one output per line as name=value, or name<<DELIM for a value of several lines");
      }
      if (!NAME.matcher(name).matches()) {
        return invalid(
            stepId,
            lineNo,
            name.isEmpty()
                ? "an output has no name"
                : "'" + shorten(name) + "' is not an output name",
            "name outputs with letters, digits, '_' and '-', starting with a letter or '_'");
      }
      outputs.put(name, value);
      if (outputs.size() > MAX_OUTPUTS) {
        return invalid(
            stepId,
            lineNo,
            "more than " + MAX_OUTPUTS + " outputs",
            "write large or many values to a file in the workspace and output its path");
      }
    }
    return new Read(outputs);
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static Invalid invalid(String stepId, int line, String what, String fix) {
    return new Invalid(
        "step "
            + stepId
            + ": its output file $"
            + ENV
            + (line > 0 ? " line " + line : "")
            + " "
            + what
            + "; "
            + fix);
  }
}
