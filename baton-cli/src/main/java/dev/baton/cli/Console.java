package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent.Level;
import dev.baton.core.events.RunEvent.Notice;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The process's console, and whether it is a terminal that can take a live status line. */
final class Console {
  private static PrintStream out = System.out;
  private static PrintStream err = System.err;

  private Console() {}

  static void use(PrintStream o, PrintStream e) {
    out = o;
    err = e;
  }

  static PrintStream out() {
    return out;
  }

  /** {@code value} as indented JSON on standard output: the {@code --format json} of commands. */
  static void printJson(Object value) throws JsonProcessingException {
    out()
        .println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(value));
  }

  static PrintStream err() {
    return err;
  }

  /** A live display only on an interactive terminal outside CI. */
  static boolean interactive() {
    return out == System.out
        && isTerminal(System.console())
        && System.getenv("CI") == null
        && !"dumb".equals(System.getenv("TERM"));
  }

  /**
   * From JDK 22 on, {@code System.console()} is not null also when the output is a pipe or a file;
   * {@code Console.isTerminal()} (JDK 22) tells. Called by reflection: Baton builds for JDK 17.
   */
  private static boolean isTerminal(java.io.@Nullable Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 there is a console only on a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  static ConsoleReporter reporter(boolean quietOutput) {
    return new ConsoleReporter(out, interactive(), quietOutput);
  }

  /**
   * A reporter that groups step output and annotates failures the way the CI it runs under shows
   * them ({@link CiConsole}).
   */
  static ConsoleReporter reporter(
      boolean quietOutput, Supplier<Map<String, SourcePosition>> stepPositions) {
    return new ConsoleReporter(
        out, interactive(), quietOutput, CiConsole.of(System.getenv()), stepPositions);
  }

  /** Events for commands that run nothing: notices only, to stderr. */
  static EventSink events(boolean notices) {
    return e -> {
      if (notices && e instanceof Notice n) {
        err.println(
            "baton: "
                + (n.level() == Level.WARNING ? "warning: " : "")
                + n.describe(CliWords.INSTANCE));
      }
    };
  }
}
