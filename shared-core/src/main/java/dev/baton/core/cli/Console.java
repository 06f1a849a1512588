package dev.baton.core.cli;

import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent.Level;
import dev.baton.core.events.RunEvent.Notice;
import java.io.PrintStream;

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

  static PrintStream err() {
    return err;
  }

  /** A live display only on an interactive terminal outside CI. */
  static boolean interactive() {
    return out == System.out
        && System.console() != null
        && System.getenv("CI") == null
        && !"dumb".equals(System.getenv("TERM"));
  }

  static ConsoleReporter reporter(boolean quietOutput) {
    return new ConsoleReporter(out, interactive(), quietOutput);
  }

  /** Events for commands that run nothing: notices only, to stderr. */
  static EventSink events(boolean notices) {
    return e -> {
      if (notices && e instanceof Notice n) {
        err.println("baton: " + (n.level() == Level.WARNING ? "warning: " : "") + n.message());
      }
    };
  }
}
